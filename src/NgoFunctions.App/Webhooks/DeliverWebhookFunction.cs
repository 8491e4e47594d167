using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Telemetry;
using NgoFunctions.Core.Webhooks;

namespace NgoFunctions.App.Webhooks;

/// <summary>Queue trigger on <c>webhooks</c>: tells an NGO's webhook of its case's events, in order.</summary>
public sealed class DeliverWebhookFunction(WebhookDelivery delivery)
{
    /// <summary>Sends what one <see cref="WebhookDue"/> names (idempotent; a failing endpoint puts it back
    /// on the queue with a growing delay, and its events are parked after a day).</summary>
    [Function(nameof(DeliverWebhook))]
    public async Task DeliverWebhook(
        [QueueTrigger("%Queues:Webhooks%", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartHandling(nameof(DeliverWebhook), message);
        var due = MessageJson.Read<WebhookDue>(message);
        activity?.SetTag("ngo.id", due.NgoId);
        await delivery.DeliverAsync(due, cancellationToken);
    }
}
