using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Poison;

/// <summary>Takes a message that failed every try off a poison queue without losing it: keeps the
/// body in the PoisonMessages table and flags the request it concerns <c>NeedsAttention</c> with an
/// event, so the ministry sees it. Routing and notification bodies are ids only and kept whole; a
/// Telegram update is kept as its <see cref="TelegramUpdateDigest"/> (ids, type, keyed chat hash),
/// never its text, contact or location. Idempotent.</summary>
public sealed partial class PoisonMessageHandler(
    StorageTables tables,
    AttentionFlag attention,
    TelegramUpdateDigest updateDigest,
    IOptions<QueueOptions> queueNames,
    TimeProvider clock,
    ILogger<PoisonMessageHandler> logger)
{
    /// <summary>Handles one poison message from <paramref name="poisonQueue"/>.</summary>
    public async Task HandleAsync(string poisonQueue, string body, CancellationToken cancellationToken)
    {
        if (poisonQueue == queueNames.Value.TelegramUpdates + QueueOptions.PoisonSuffix)
        {
            await KeepAsync(poisonQueue, updateDigest.KeyOf(body), updateDigest.Reduce(body), trackingCode: null, cancellationToken);
            LogBotUpdateKept(poisonQueue);
            return;
        }

        var trackingCode = MessageJson.TryRead<MessageProbe>(body)?.TrackingCode;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        await KeepAsync(poisonQueue, key, body, trackingCode, cancellationToken);
        if (trackingCode is not null)
        {
            await attention.RaiseAsync(trackingCode, poisonQueue, cancellationToken);
        }
        else
        {
            LogUnreadable(poisonQueue, key);
        }
    }

    private async Task KeepAsync(string poisonQueue, string key, string body, string? trackingCode, CancellationToken cancellationToken)
    {
        try
        {
            await tables.PoisonMessages.AddEntityAsync(
                new PoisonMessageEntity { PartitionKey = poisonQueue, RowKey = key, Body = body, TrackingCode = trackingCode, ReceivedAt = clock.GetUtcNow() },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Kept already by an earlier delivery.
        }
    }

    private sealed record MessageProbe(string? TrackingCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable poison message from {PoisonQueue} kept as {MessageKey}")]
    private partial void LogUnreadable(string poisonQueue, string messageKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Telegram update failed every try; its ids are kept from {PoisonQueue}")]
    private partial void LogBotUpdateKept(string poisonQueue);
}
