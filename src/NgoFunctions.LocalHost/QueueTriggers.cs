using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;
using NgoFunctions.App.Notifications;
using NgoFunctions.App.Poison;
using NgoFunctions.App.Routing;
using NgoFunctions.App.Telegram;
using NgoFunctions.App.Webhooks;
using NgoFunctions.LocalHost.Worker;

namespace NgoFunctions.LocalHost;

/// <summary>The Functions app's queue-triggered functions, declared for the WebJobs SDK (the runtime
/// the Functions host itself uses for queue triggers: polling back-off, dequeue count, poison queues).
/// Each method only hands the message to the <see cref="IFunctionDispatcher"/>, which runs the function
/// in the worker. Names and queue expressions must equal the worker's function metadata; a test holds
/// them equal.</summary>
public sealed class QueueTriggers(IFunctionDispatcher functions)
{
    /// <summary>See <see cref="RouteRequestFunction.RouteRequest"/>.</summary>
    [FunctionName(nameof(RouteRequestFunction.RouteRequest))]
    public Task RouteRequest([QueueTrigger("%Queues:RequestsSubmitted%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        functions.RunQueueFunctionAsync(nameof(RouteRequestFunction.RouteRequest), message, cancellationToken);

    /// <summary>See <see cref="SendNotificationFunction.SendNotification"/>.</summary>
    [FunctionName(nameof(SendNotificationFunction.SendNotification))]
    public Task SendNotification([QueueTrigger("%Queues:Notifications%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        functions.RunQueueFunctionAsync(nameof(SendNotificationFunction.SendNotification), message, cancellationToken);

    /// <summary>See <see cref="PoisonQueueFunctions.RequestsSubmittedPoison"/>.</summary>
    [FunctionName(nameof(PoisonQueueFunctions.RequestsSubmittedPoison))]
    public Task RequestsSubmittedPoison([QueueTrigger("%Queues:RequestsSubmitted%-poison", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        functions.RunQueueFunctionAsync(nameof(PoisonQueueFunctions.RequestsSubmittedPoison), message, cancellationToken);

    /// <summary>See <see cref="PoisonQueueFunctions.NotificationsPoison"/>.</summary>
    [FunctionName(nameof(PoisonQueueFunctions.NotificationsPoison))]
    public Task NotificationsPoison([QueueTrigger("%Queues:Notifications%-poison", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        functions.RunQueueFunctionAsync(nameof(PoisonQueueFunctions.NotificationsPoison), message, cancellationToken);

    /// <summary>See <see cref="HandleTelegramUpdateFunction.HandleTelegramUpdate"/>.</summary>
    [FunctionName(nameof(HandleTelegramUpdateFunction.HandleTelegramUpdate))]
    public Task HandleTelegramUpdate([QueueTrigger("%Queues:TelegramUpdates%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        functions.RunQueueFunctionAsync(nameof(HandleTelegramUpdateFunction.HandleTelegramUpdate), message, cancellationToken);

    /// <summary>See <see cref="PoisonQueueFunctions.TelegramUpdatesPoison"/>.</summary>
    [FunctionName(nameof(PoisonQueueFunctions.TelegramUpdatesPoison))]
    public Task TelegramUpdatesPoison([QueueTrigger("%Queues:TelegramUpdates%-poison", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        functions.RunQueueFunctionAsync(nameof(PoisonQueueFunctions.TelegramUpdatesPoison), message, cancellationToken);

    /// <summary>See <see cref="DeliverWebhookFunction.DeliverWebhook"/>.</summary>
    [FunctionName(nameof(DeliverWebhookFunction.DeliverWebhook))]
    public Task DeliverWebhook([QueueTrigger("%Queues:Webhooks%", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        functions.RunQueueFunctionAsync(nameof(DeliverWebhookFunction.DeliverWebhook), message, cancellationToken);

    /// <summary>See <see cref="PoisonQueueFunctions.WebhooksPoison"/>.</summary>
    [FunctionName(nameof(PoisonQueueFunctions.WebhooksPoison))]
    public Task WebhooksPoison([QueueTrigger("%Queues:Webhooks%-poison", Connection = "AzureWebJobsStorage")] QueueMessage message, CancellationToken cancellationToken) =>
        functions.RunQueueFunctionAsync(nameof(PoisonQueueFunctions.WebhooksPoison), message, cancellationToken);
}

/// <summary>Tells the WebJobs SDK where the triggers are, whatever the entry assembly (tests host
/// LocalHost inside the test runner): every public class of LocalHost whose name ends in
/// <c>Triggers</c>.</summary>
public sealed class TriggersTypeLocator : ITypeLocator
{
    /// <inheritdoc />
    public IReadOnlyList<Type> GetTypes() =>
        typeof(TriggersTypeLocator).Assembly.GetExportedTypes().Where(t => t.Name.EndsWith("Triggers", StringComparison.Ordinal)).ToList();
}
