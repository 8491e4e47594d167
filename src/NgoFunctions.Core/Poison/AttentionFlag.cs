using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Poison;

/// <summary>A request's <c>NeedsAttention</c> flag, which a message that failed every try raises
/// (<see cref="PoisonMessageHandler"/>) and the successful handling of its replay clears: the ministry's
/// backlog shows what still needs someone. Each change is an event (<c>NeedsAttention</c>,
/// <c>AttentionCleared</c>) committed with the request, if-match its ETag. Idempotent; a flag raised by
/// one poison queue is not cleared by another's replay.</summary>
public sealed partial class AttentionFlag(ServiceRequestStore requests, TimeProvider clock, ILogger<AttentionFlag> logger)
{
    private const int UpdateAttempts = 5;

    /// <summary>Flags request <paramref name="trackingCode"/> for a message kept from
    /// <paramref name="poisonQueue"/> (nothing when it is flagged already or does not exist).</summary>
    public Task RaiseAsync(string trackingCode, string poisonQueue, CancellationToken cancellationToken) =>
        ChangeAsync(trackingCode, poisonQueue, raise: true, cancellationToken);

    /// <summary>Clears the flag of request <paramref name="trackingCode"/> if a message of
    /// <paramref name="poisonQueue"/> raised it.</summary>
    public Task ClearAsync(string trackingCode, string poisonQueue, CancellationToken cancellationToken) =>
        ChangeAsync(trackingCode, poisonQueue, raise: false, cancellationToken);

    // Throws InvalidOperationException when the request kept changing under it (the queue tries again).
    private async Task ChangeAsync(string trackingCode, string poisonQueue, bool raise, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            var request = await requests.FindAsync(trackingCode, cancellationToken);
            if (request is null || request.NeedsAttention == raise
                || (!raise && request.AttentionReason is { } reason && reason != poisonQueue))
            {
                return;
            }

            request.NeedsAttention = raise;
            request.AttentionReason = raise ? poisonQueue : null;
            var note = RequestChanges.Note(request, raise ? "NeedsAttention" : "AttentionCleared", "system", clock.GetUtcNow(), poisonQueue);
            try
            {
                await requests.CommitAsync(request, [note], cancellationToken);
                LogChanged(request.RequestId, note.Type, poisonQueue);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // The request changed meanwhile; read it again.
            }
        }

        throw new InvalidOperationException($"Could not change the attention flag of a request for {poisonQueue}.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RequestId}: {Change} ({PoisonQueue})")]
    private partial void LogChanged(Guid requestId, string change, string poisonQueue);
}
