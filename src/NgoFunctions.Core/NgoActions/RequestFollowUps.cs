using Microsoft.Extensions.Options;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>The messages an NGO-side change leaves behind: the citizen's notification of a status
/// change (queue <c>notifications</c>; only when someone is to be told, see <see cref="NotificationChannels"/>) and a request to route again (queue <c>requests-submitted</c>).
/// Their handlers are idempotent, so sending again after a half-finished change is always safe.</summary>
public sealed class RequestFollowUps(QueueSender queues, IOptions<QueueOptions> queueNames, NotificationChannels channels)
{
    /// <summary>Tells the citizen (and, for a routing or a cancellation, the NGO's linked group) about
    /// status-change event <paramref name="change"/>; nothing is queued when nobody is to be told
    /// (<see cref="NotificationChannels"/>: a web-form request is followed on the status page), so
    /// nothing is recorded for it either.</summary>
    public async Task NotifyAsync(ServiceRequestEntity request, RequestEventEntity change, CancellationToken cancellationToken)
    {
        if (await channels.AnyAsync(request, change, cancellationToken))
        {
            await queues.SendAsync(queueNames.Value.Notifications, new StatusChanged(request.RequestId, request.PartitionKey, change.Sequence), cancellationToken);
        }
    }

    /// <summary>Queues the notification of the last status change to <paramref name="status"/> again
    /// unless it has a notification record: the first try may have stopped between commit and queue.</summary>
    public async Task EnsureNotifiedAsync(RequestHistory history, string status, CancellationToken cancellationToken)
    {
        var change = history.Events.Where(e => e.FromStatus is not null && e.Type == status).MaxBy(e => e.Sequence);
        if (change is not null && history.Notifications.All(n => n.EventSequence != change.Sequence))
        {
            await NotifyAsync(history.Request, change, cancellationToken);
        }
    }

    /// <summary>Hands the request to the router again (its assignment ended).</summary>
    public Task RouteAgainAsync(ServiceRequestEntity request, CancellationToken cancellationToken) =>
        queues.SendAsync(queueNames.Value.RequestsSubmitted, new RequestSubmitted(request.RequestId, request.PartitionKey), cancellationToken);
}
