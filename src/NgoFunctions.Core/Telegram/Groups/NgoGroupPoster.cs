using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Telegram.Groups;

/// <summary>Posts in an NGO's linked Telegram group each case newly routed to it, each of its cases the
/// citizen cancelled, each the citizen sent back saying the help did not arrive, and each whose contact
/// details the citizen withdrew; once each (a marker row
/// <c>ngo-post-NNNN</c> in the request's partition records it). A deactivated NGO's group gets no posts.</summary>
public sealed class NgoGroupPoster(
    ServiceRequestStore requests,
    NgoGroupLinks links,
    NgoRegistry registry,
    NgoCasePost post,
    BotReplySender sender,
    TelegramGateway telegram)
{
    private const string MarkerPrefix = "ngo-post-";

    /// <summary>Posts the case of <paramref name="message"/> when it is a routing to (or cancellation at)
    /// an NGO with a linked group. Returns a wait when the Bot API answered 429, and
    /// <see cref="DeliveryAttempt.Unavailable"/> when it could not be reached: the caller puts the
    /// message back on <c>notifications</c> (the citizen's notification, recorded already, is not sent
    /// twice). Nothing is posted, and the message is done, when the NGO is deactivated (one registry
    /// read, only for an NGO with a group).</summary>
    public async Task<DeliveryAttempt> PostAsync(StatusChanged message, CancellationToken cancellationToken)
    {
        var marker = $"{MarkerPrefix}{message.EventSequence:D4}";
        if (!telegram.IsConfigured || await requests.ExistsAsync(message.TrackingCode, marker, cancellationToken))
        {
            return DeliveryAttempt.Done;
        }

        var change = await requests.FindEventAsync(message.TrackingCode, message.EventSequence, cancellationToken);
        if (change is not { Type: "Routed" or "Cancelled" or RequestChanges.ErasedEvent or Closure.ClosureEvents.Disputed, NgoId: { } ngoId } || await links.GroupOfNgoAsync(ngoId, cancellationToken) is not { } group
            || await registry.FindAsync(ngoId, cancellationToken) is not { Active: true }
            || await requests.FindAsync(message.TrackingCode, cancellationToken) is not { } request)
        {
            return DeliveryAttempt.Done;
        }

        var reply = change.Type switch
        {
            "Routed" => post.NewCase(request),
            "Cancelled" => post.Cancelled(request),
            Closure.ClosureEvents.Disputed => post.Disputed(request),
            _ => post.Withdrawn(request),
        };
        var outcome = await sender.SendAsync(group, [reply], cancellationToken);
        switch (outcome.Stop)
        {
            case SendStop.RateLimited:
                return DeliveryAttempt.WaitFor(outcome.RetryAfter!.Value);
            case SendStop.Unavailable:
                return DeliveryAttempt.Unavailable;
        }

        // Sent, or the bot was removed from the group (403): either way this case is not posted again.
        await requests.TryAddAsync(new Azure.Data.Tables.TableEntity(message.TrackingCode, marker), cancellationToken);
        return DeliveryAttempt.Done;
    }
}
