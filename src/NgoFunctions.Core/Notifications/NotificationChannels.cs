using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Core.Telegram.Groups;

namespace NgoFunctions.Core.Notifications;

/// <summary>Whether a status change has anyone to tell, so a <see cref="Messages.StatusChanged"/> is
/// queued only then: the citizen, when the request has an address on a channel run here
/// (<see cref="INotificationChannel"/>; a web-form request has none and is followed on the status page), or
/// the NGO's linked Telegram group, for a case routed to it, cancelled while it held it, or sent back to it
/// by the citizen (<see cref="Closure.ClosureEvents.Disputed"/>)
/// (<see cref="NgoGroupPoster"/>, handled from the same message).</summary>
public sealed class NotificationChannels(IEnumerable<INotificationChannel> channels, TelegramGateway telegram, NgoGroupLinks groups)
{
    /// <summary>Whether a change of <paramref name="request"/> to <paramref name="status"/> (an event type:
    /// a status name, or a change with its own name; concerning
    /// <paramref name="ngoId"/>, if any) has anyone to tell. No storage call for a request with an address
    /// or when no bot is configured; otherwise whether the NGO has a linked group, usually from memory
    /// (<see cref="NgoGroupLinks.IsLinkedAsync"/>), else one point read.</summary>
    public async Task<bool> AnyAsync(ServiceRequestEntity request, string status, string? ngoId, CancellationToken cancellationToken) =>
        For(request) is not null
        || (telegram.IsConfigured
            && status is nameof(RequestStatus.Routed) or nameof(RequestStatus.Cancelled) or Closure.ClosureEvents.Disputed
            && ngoId is not null
            && await groups.IsLinkedAsync(ngoId, cancellationToken));

    /// <summary>The channel that tells <paramref name="request"/>'s citizen: the one of its
    /// <see cref="ServiceRequestEntity.Channel"/>, when the request has an address on it and this deployment
    /// runs that channel; otherwise <c>null</c> (a web-form request: followed on the status page).</summary>
    public INotificationChannel? For(ServiceRequestEntity request) =>
        request.ChannelAddress is null ? null : channels.FirstOrDefault(c => c.Channel.Name == request.Channel);

    /// <summary>As <see cref="AnyAsync(ServiceRequestEntity, string, string?, CancellationToken)"/> for
    /// status-change event <paramref name="change"/>.</summary>
    public Task<bool> AnyAsync(ServiceRequestEntity request, RequestEventEntity change, CancellationToken cancellationToken) =>
        AnyAsync(request, change.Type, change.NgoId, cancellationToken);
}
