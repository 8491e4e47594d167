using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>The SLA sweep (timer <c>SweepAssignments</c>): assignments not accepted within
/// <see cref="SlaOptions.AcceptDeadline"/> expire and the request is routed on; accepted or
/// in-progress requests with no update for <see cref="SlaOptions.StalePeriod"/> get one
/// <c>Reminder</c> event per such period (no status change). It reads no request it does not act on:
/// for each NGO one query of its open case range (see <see cref="NgoCaseBook.DueAsync"/>), then only
/// the due cases' partitions. It also finishes changes a stopped process left half done (a case row
/// that no longer matches its request). Every write is ETag-checked, so overlapping sweeps and NGO
/// actions never double an expiry or a reminder.</summary>
public sealed partial class AssignmentSweeper(
    NgoDirectory directory,
    NgoCaseBook book,
    NgoCaseStore cases,
    ServiceRequestStore requests,
    AssignmentRerouter rerouter,
    IOptions<SlaOptions> sla,
    TimeProvider clock,
    ILogger<AssignmentSweeper> logger)
{
    /// <summary>Event type of a reminder.</summary>
    public const string ReminderEvent = "Reminder";

    // NGO partitions queried at once: enough to hide latency, few enough to leave storage to the hot paths.
    private const int Parallelism = 4;

    /// <summary>Runs one sweep at the current time. A case that fails (storage) is logged and left to
    /// the next sweep; the others go on.</summary>
    public async Task<SweepSummary> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var options = sla.Value;
        var counts = new int[Enum.GetValues<SweepOutcome>().Length];
        var ngos = await directory.GetAllAsync(cancellationToken);
        await Parallel.ForEachAsync(ngos, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (ngo, token) =>
        {
            foreach (var row in await book.DueAsync(ngo.Id, now - options.AcceptDeadline, now - options.StalePeriod, token))
            {
                SweepOutcome outcome;
                try
                {
                    outcome = await SweepCaseAsync(ngo.Id, row, now, token);
                }
                catch (RequestFailedException ex)
                {
                    LogFailed(row.RequestId, ngo.Id, ex.Status);
                    outcome = SweepOutcome.Failed;
                }

                Interlocked.Increment(ref counts[(int)outcome]);
            }
        });

        var summary = new SweepSummary(
            counts[(int)SweepOutcome.Expired], counts[(int)SweepOutcome.Reminded], counts[(int)SweepOutcome.Repaired], counts[(int)SweepOutcome.Failed]);
        LogSwept(ngos.Count, summary.Expired, summary.Reminded, summary.Repaired, summary.Failed);
        return summary;
    }

    private async Task<SweepOutcome> SweepCaseAsync(string ngoId, NgoCaseEntity row, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var history = await requests.GetHistoryAsync(row.TrackingCode, cancellationToken);
        if (history is null)
        {
            await cases.ReleaseAsync(ngoId, row.TrackingCode, cancellationToken);
            return SweepOutcome.Repaired;
        }

        var assignment = NgoCaseQuery.CurrentAssignment(history, ngoId);
        if (assignment is null || assignment.Attempt != row.Attempt)
        {
            // The NGO no longer holds the request, yet its place is still taken: a decline or expiry was
            // committed but the process stopped before handing the request on and freeing the place.
            var own = history.Assignments.FirstOrDefault(a => a.Attempt == row.Attempt && a.NgoId == ngoId);
            if (own?.State is nameof(AssignmentState.Declined) or nameof(AssignmentState.Expired))
            {
                await rerouter.FinishAsync(history, ngoId, cancellationToken);
            }
            else
            {
                await cases.ReleaseAsync(ngoId, row.TrackingCode, cancellationToken);
            }

            return SweepOutcome.Repaired;
        }

        var request = history.Request;
        var status = Enum.Parse<RequestStatus>(request.Status);
        switch (status)
        {
            case RequestStatus.Routed when assignment.AssignedAt + sla.Value.AcceptDeadline <= now:
                return await TryAsync(SweepOutcome.Expired, () => rerouter.EndAsync(
                    request, assignment, AssignmentState.Expired, "system", reason: null, note: null, now, cancellationToken));
            case RequestStatus.Accepted or RequestStatus.InProgress:
                var quietSince = request.LastReminderAt is { } reminded && reminded > request.UpdatedAt ? reminded : request.UpdatedAt;
                if (quietSince + sla.Value.StalePeriod > now)
                {
                    // The row lags behind its request (a reminder or a status sync was cut short): catch it up.
                    await book.SyncAsync(ngoId, row.TrackingCode, status, quietSince, assignment, cancellationToken);
                    return SweepOutcome.Repaired;
                }

                return await TryAsync(SweepOutcome.Reminded, () => RemindAsync(ngoId, request, assignment, status, now, cancellationToken));
            case RequestStatus.Resolved or RequestStatus.Closed or RequestStatus.Cancelled:
                // The case left the NGO when it was resolved (a later Closed does not move the time).
                var closedAt = status == RequestStatus.Cancelled
                    ? request.UpdatedAt
                    : history.Events.LastOrDefault(e => e.Type == nameof(RequestStatus.Resolved))?.OccurredAt ?? request.UpdatedAt;
                await book.SyncAsync(ngoId, row.TrackingCode, status, closedAt, assignment, cancellationToken);
                return SweepOutcome.Repaired;
            default:
                return SweepOutcome.Skipped;
        }
    }

    private async Task RemindAsync(
        string ngoId, ServiceRequestEntity request, AssignmentEntity assignment, RequestStatus status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        request.LastReminderAt = now;
        var reminder = RequestChanges.Note(request, ReminderEvent, "system", now, detail: null);
        reminder.NgoId = ngoId;
        await requests.CommitAsync(request, [reminder], cancellationToken);
        LogReminded(request.RequestId, ngoId);
        await book.SyncAsync(ngoId, request.PartitionKey, status, now, assignment, cancellationToken);
    }

    // A request that changed since it was read (the NGO acted, the citizen cancelled, another sweep
    // came first) is left alone now: the next sweep decides on fresh data.
    private static async Task<SweepOutcome> TryAsync(SweepOutcome outcome, Func<Task> change)
    {
        try
        {
            await change();
            return outcome;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return SweepOutcome.Skipped;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded NGO {NgoId} of {RequestId}")]
    private partial void LogReminded(Guid requestId, string ngoId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of {RequestId} at NGO {NgoId} failed with storage status {Status}; left to the next sweep")]
    private partial void LogFailed(Guid requestId, string ngoId, int status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Swept {NgoCount} NGOs: {Expired} expired, {Reminded} reminded, {Repaired} repaired, {Failed} failed")]
    private partial void LogSwept(int ngoCount, int expired, int reminded, int repaired, int failed);

    private enum SweepOutcome
    {
        Skipped,
        Expired,
        Reminded,
        Repaired,
        Failed,
    }
}

/// <summary>What one sweep did.</summary>
/// <param name="Expired">Assignments that expired (their requests routed on or made Unroutable).</param>
/// <param name="Reminded">Reminders written.</param>
/// <param name="Repaired">Case rows brought back in line with their requests.</param>
/// <param name="Failed">Cases left to the next sweep after a storage failure.</param>
public sealed record SweepSummary(int Expired, int Reminded, int Repaired, int Failed);
