using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Closure;

/// <summary>The silence sweep (timer <c>CloseUnconfirmedRequests</c>): a request resolved more than
/// <see cref="ClosureOptions.ConfirmAfterDays"/> ago whose citizen never answered "did you get the help you
/// needed?" is closed unconfirmed (Resolved → Closed, event <see cref="ClosureEvents.ClosedUnconfirmed"/>,
/// actor <c>system</c>), its NGO's case row follows and the citizen is told. Finds them with one query of
/// the ministry's RequestIndex over the submission days up to the bound (a request resolved before the bound
/// was submitted before it), then decides on the request itself (one point read, ETag-checked commit), so an
/// index row a moment behind changes nothing. Idempotent: a run stopped half-way is finished by the next.</summary>
public sealed partial class ClosureSweeper(
    StorageTables tables,
    ServiceRequestStore requests,
    NgoCaseBook book,
    RequestFollowUps followUps,
    IOptions<ClosureOptions> options,
    TimeProvider clock,
    ILogger<ClosureSweeper> logger)
{
    /// <summary>One sweep at the current time: how many requests it closed, and how many it could not
    /// (storage failed; logged, left to the next sweep). Throws <see cref="RequestFailedException"/> when
    /// the query itself fails.</summary>
    public async Task<ClosureSweepSummary> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var bound = now - options.Value.ConfirmAfter;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey le {RequestIndexEntity.Day(bound)} and Status eq {nameof(RequestStatus.Resolved)} and UpdatedAt le {bound}");
        int closed = 0, failed = 0;
        await foreach (var row in tables.RequestIndex.QueryAsync<RequestIndexEntity>(filter, select: [nameof(ITableEntity.RowKey), nameof(RequestIndexEntity.RequestId)], cancellationToken: cancellationToken))
        {
            try
            {
                closed += await CloseAsync(row.RowKey, bound, now, cancellationToken) ? 1 : 0;
            }
            catch (RequestFailedException ex)
            {
                failed++;
                LogFailed(row.RequestId, ex.Status, ex);
            }
        }

        if (closed + failed > 0)
        {
            LogSwept(closed, failed);
        }

        return new ClosureSweepSummary(closed, failed);
    }

    // Closes the request if it is still Resolved since the bound; false when it changed meanwhile (answered,
    // disputed, resolved again) or lost a race (the next sweep looks again).
    private async Task<bool> CloseAsync(string trackingCode, DateTimeOffset bound, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await requests.FindAsync(trackingCode, cancellationToken) is not { Status: nameof(RequestStatus.Resolved) } request || request.UpdatedAt > bound)
        {
            return false;
        }

        request.Closure = ClosureEvents.UnconfirmedClosure;
        var change = RequestChanges.ChangeStatus(request, RequestStatus.Closed, "system", now, request.AssignedNgoId, ClosureEvents.UnconfirmedClosure, ClosureEvents.ClosedUnconfirmed);
        try
        {
            await requests.CommitAsync(request, [change], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }

        if (request.AssignedNgoId is { } ngoId)
        {
            await book.SyncAsync(ngoId, trackingCode, RequestStatus.Closed, now, cancellationToken);
            await book.CountOnceAsync(ngoId, change, cancellationToken);
        }

        await followUps.NotifyAsync(request, change, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closure sweep: closing request {RequestId} failed (storage status {Status}); the next sweep tries again")]
    private partial void LogFailed(Guid requestId, int status, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Closure sweep: {Closed} resolved requests closed unconfirmed ({Failed} failed)")]
    private partial void LogSwept(int closed, int failed);
}

/// <summary>What one closure sweep did.</summary>
/// <param name="Closed">Requests closed unconfirmed.</param>
/// <param name="Failed">Requests left for the next sweep after a storage failure.</param>
public sealed record ClosureSweepSummary(int Closed, int Failed);
