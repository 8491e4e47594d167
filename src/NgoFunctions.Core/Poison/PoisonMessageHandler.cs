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
    ServiceRequestStore requests,
    TimeProvider clock,
    ILogger<PoisonMessageHandler> logger)
{
    private const int UpdateAttempts = 5;

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
            await FlagAsync(trackingCode, poisonQueue, cancellationToken);
        }
        else
        {
            LogUnreadable(poisonQueue, key);
        }
    }

    private async Task FlagAsync(string trackingCode, string poisonQueue, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            var request = await requests.FindAsync(trackingCode, cancellationToken);
            if (request is null || request.NeedsAttention)
            {
                return;
            }

            request.NeedsAttention = true;
            request.AttentionReason = poisonQueue;
            var note = RequestChanges.Note(request, "NeedsAttention", "system", clock.GetUtcNow(), poisonQueue);
            try
            {
                await requests.CommitAsync(request, [note], cancellationToken);
                LogFlagged(request.RequestId, poisonQueue);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // The request changed meanwhile; read it again.
            }
        }

        throw new InvalidOperationException($"Could not flag the request of a poison message from {poisonQueue}.");
    }

    private sealed record MessageProbe(string? TrackingCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poison message from {PoisonQueue} flagged {RequestId} NeedsAttention")]
    private partial void LogFlagged(Guid requestId, string poisonQueue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unreadable poison message from {PoisonQueue} kept as {MessageKey}")]
    private partial void LogUnreadable(string poisonQueue, string messageKey);
}
