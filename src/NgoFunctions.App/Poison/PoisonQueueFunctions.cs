using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Poison;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.App.Poison;

/// <summary>Queue triggers on the poison twins of every queue: nothing that failed is ignored or lost.</summary>
public sealed class PoisonQueueFunctions(PoisonMessageHandler handler, IOptions<QueueOptions> queues)
{
    /// <summary>A submitted request that could not be routed.</summary>
    [Function(nameof(RequestsSubmittedPoison))]
    public Task RequestsSubmittedPoison(
        [QueueTrigger("%Queues:RequestsSubmitted%-poison", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(queues.Value.RequestsSubmitted + QueueOptions.PoisonSuffix, message, cancellationToken);

    /// <summary>A notification that could not be sent.</summary>
    [Function(nameof(NotificationsPoison))]
    public Task NotificationsPoison(
        [QueueTrigger("%Queues:Notifications%-poison", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(queues.Value.Notifications + QueueOptions.PoisonSuffix, message, cancellationToken);

    /// <summary>A Telegram update that could not be handled.</summary>
    [Function(nameof(TelegramUpdatesPoison))]
    public Task TelegramUpdatesPoison(
        [QueueTrigger("%Queues:TelegramUpdates%-poison", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(queues.Value.TelegramUpdates + QueueOptions.PoisonSuffix, message, cancellationToken);

    /// <summary>A webhook delivery that failed for another reason than the NGO's endpoint (which parks
    /// its events instead): kept, and its request flagged, as any other.</summary>
    [Function(nameof(WebhooksPoison))]
    public Task WebhooksPoison(
        [QueueTrigger("%Queues:Webhooks%-poison", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(queues.Value.Webhooks + QueueOptions.PoisonSuffix, message, cancellationToken);
}
