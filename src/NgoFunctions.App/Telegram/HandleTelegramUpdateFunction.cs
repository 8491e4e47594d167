using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Core.Telemetry;

namespace NgoFunctions.App.Telegram;

/// <summary>Queue trigger on <c>telegram-updates</c>: the bot's conversation, one update at a time.</summary>
public sealed class HandleTelegramUpdateFunction(TelegramUpdateHandler handler)
{
    /// <summary>Handles one update (idempotent per update id).</summary>
    [Function(nameof(HandleTelegramUpdate))]
    public async Task HandleTelegramUpdate(
        [QueueTrigger("%Queues:TelegramUpdates%", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartHandling(nameof(HandleTelegramUpdate), message);
        await handler.HandleAsync(message, cancellationToken);
    }
}
