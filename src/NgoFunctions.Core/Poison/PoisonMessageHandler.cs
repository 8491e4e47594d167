using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Poison;

/// <summary>Takes a message that failed every try off a poison queue without losing it: keeps the
/// body in the PoisonMessages table and flags the request it concerns <c>NeedsAttention</c> with an
/// event, so the ministry sees it. Idempotent.</summary>
public sealed partial class PoisonMessageHandler(
    StorageTables tables,
    AttentionFlag attention,
    TimeProvider clock,
    ILogger<PoisonMessageHandler> logger)
{
    /// <summary>Handles one poison message from <paramref name="poisonQueue"/>.</summary>
    public async Task HandleAsync(string poisonQueue, string body, CancellationToken cancellationToken)
    {
        var trackingCode = MessageJson.TryRead<MessageProbe>(body)?.TrackingCode;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
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

        if (trackingCode is not null)
        {
            await attention.RaiseAsync(trackingCode, poisonQueue, cancellationToken);
        }
        else
        {
            LogUnreadable(poisonQueue, key);
        }
    }

    private sealed record MessageProbe(string? TrackingCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable poison message from {PoisonQueue} kept as {MessageKey}")]
    private partial void LogUnreadable(string poisonQueue, string messageKey);
}
