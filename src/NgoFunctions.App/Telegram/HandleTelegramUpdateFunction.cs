using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Telegram;

namespace NgoFunctions.App.Telegram;

/// <summary>Queue trigger on <c>telegram-updates</c>: the bot's conversation, one update at a time.</summary>
public sealed class HandleTelegramUpdateFunction(TelegramUpdateHandler handler)
{
    /// <summary>Handles one update (idempotent per update id).</summary>
    [Function(nameof(HandleTelegramUpdate))]
    public Task HandleTelegramUpdate(
        [QueueTrigger("%Queues:TelegramUpdates%", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message, cancellationToken);
}
