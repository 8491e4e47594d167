using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Telemetry;

namespace NgoFunctions.App.Notifications;

/// <summary>Queue trigger on <c>notifications</c>: tells the citizen about a status change, and posts a
/// newly routed case in its NGO's Telegram group.</summary>
public sealed class SendNotificationFunction(StatusChangeDelivery delivery)
{
    /// <summary>Sends one notification (idempotent; an outage of the Bot API puts it back on the queue
    /// with a growing delay).</summary>
    [Function(nameof(SendNotification))]
    public async Task SendNotification(
        [QueueTrigger("%Queues:Notifications%", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartHandling(nameof(SendNotification), message);
        var changed = MessageJson.Read<StatusChanged>(message);
        activity?.SetTag("request.id", changed.RequestId);
        await delivery.DeliverAsync(changed, cancellationToken);
    }
}
