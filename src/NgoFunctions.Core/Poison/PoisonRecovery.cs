using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Requests;

namespace NgoFunctions.Core.Poison;

/// <summary>Clears a request's <c>NeedsAttention</c> flag once the message that set it
/// (<see cref="PoisonMessageHandler"/>) was replayed and handled: the work it stood for is done, so the
/// ministry's backlog no longer shows it. An <c>AttentionCleared</c> event records it. Idempotent; a
/// flag set for another poison queue stays.</summary>
public sealed partial class PoisonRecovery(ServiceRequestStore requests, TimeProvider clock, ILogger<PoisonRecovery> logger)
{
    private const int UpdateAttempts = 5;

    /// <summary>Clears the flag of request <paramref name="trackingCode"/> if it was set by a message of
    /// <paramref name="poisonQueue"/>. Throws <see cref="InvalidOperationException"/> when the request
    /// kept changing under it (the queue tries again).</summary>
    public async Task ClearAsync(string trackingCode, string poisonQueue, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            var request = await requests.FindAsync(trackingCode, cancellationToken);
            if (request is not { NeedsAttention: true } || (request.AttentionReason is { } reason && reason != poisonQueue))
            {
                return;
            }

            request.NeedsAttention = false;
            request.AttentionReason = null;
            var note = RequestChanges.Note(request, "AttentionCleared", "system", clock.GetUtcNow(), poisonQueue);
            try
            {
                await requests.CommitAsync(request, [note], cancellationToken);
                LogCleared(request.RequestId, poisonQueue);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // The request changed meanwhile; read it again.
            }
        }

        throw new InvalidOperationException($"Could not clear the flag of a request replayed from {poisonQueue}.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replayed message from {PoisonQueue} handled: {RequestId} no longer needs attention")]
    private partial void LogCleared(Guid requestId, string poisonQueue);
}
