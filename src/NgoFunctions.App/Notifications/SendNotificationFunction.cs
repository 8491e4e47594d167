using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Notifications;

namespace NgoFunctions.App.Notifications;

/// <summary>Queue trigger on <c>notifications</c>: tells the citizen about a status change.</summary>
public sealed class SendNotificationFunction(StatusNotifier notifier)
{
    /// <summary>Sends one notification (idempotent).</summary>
    [Function(nameof(SendNotification))]
    public Task SendNotification(
        [QueueTrigger("%Queues:Notifications%", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        notifier.NotifyAsync(MessageJson.Read<StatusChanged>(message), cancellationToken);
}
