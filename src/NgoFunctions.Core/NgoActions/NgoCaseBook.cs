using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>An NGO's case rows after routing (NgoCases, PK = NGO id; see <see cref="Keys"/>): keeps
/// each row in line with its request, counts acceptances on the NGO's load entity, frees the place
/// when a case ends, and answers the NGO's list and the SLA sweep. Reserving and releasing a place is
/// <see cref="NgoCaseStore"/>'s, and every table call is made through it. The request is the truth;
/// every method here can run again safely.</summary>
public sealed class NgoCaseBook(NgoCaseStore store)
{
    /// <summary>Brings the NGO's open case row in line with its request now in <paramref name="status"/>
    /// since <paramref name="at"/>, as <see cref="SyncAsync(string, string, RequestStatus, DateTimeOffset, AssignmentEntity?, CancellationToken)"/>
    /// without the assignment (accept and resolve times are then taken from the case row and
    /// <paramref name="at"/> where they can be).</summary>
    public Task SyncAsync(string ngoId, string trackingCode, RequestStatus status, DateTimeOffset at, CancellationToken cancellationToken) =>
        SyncAsync(ngoId, trackingCode, status, at, assignment: null, cancellationToken);

    /// <summary>Brings the NGO's open case row in line with its request now in <paramref name="status"/>
    /// since <paramref name="at"/>: the first status past Routed other than Cancelled counts one
    /// <see cref="NgoLoadEntity.Accepted"/>; Accepted and InProgress move the stale clock
    /// (<see cref="NgoCaseEntity.LastActivityAt"/>) forward to <paramref name="at"/>; Resolved, Cancelled
    /// and Closed free the place and move the row to the closed range. Counter and row change in one
    /// ETag-checked transaction (retried when another writer came first), so each counts once. The
    /// ministry's <see cref="NgoStatsEntity"/> changes in that same transaction: accepted (with the time
    /// from the assignment being made to its acceptance), started, resolved (with the time from
    /// acceptance to <paramref name="at"/>) or cancelled.</summary>
    /// <param name="ngoId">The NGO.</param>
    /// <param name="trackingCode">The request (canonical code).</param>
    /// <param name="status">The request's status now.</param>
    /// <param name="at">When it reached <paramref name="status"/> (UTC).</param>
    /// <param name="assignment">The NGO's assignment of the request, when the caller has it: its
    /// <see cref="AssignmentEntity.AssignedAt"/> and <see cref="AssignmentEntity.AnsweredAt"/> (the
    /// acceptance) time the accept and the resolution. Without it the case row's
    /// <see cref="NgoCaseEntity.AssignedAt"/> and, for a move to Accepted, <paramref name="at"/> are used;
    /// a resolution whose acceptance time is unknown is counted without a time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task SyncAsync(
        string ngoId, string trackingCode, RequestStatus status, DateTimeOffset at, AssignmentEntity? assignment, CancellationToken cancellationToken)
    {
        var closing = IsClosing(status);
        while (true)
        {
            var row = await store.FindOpenCaseAsync(ngoId, trackingCode, cancellationToken);
            if (row is null)
            {
                if (closing)
                {
                    await SyncClosedAsync(ngoId, trackingCode, status, cancellationToken);
                }

                return;
            }

            var rank = Rank(Enum.Parse<RequestStatus>(row.Status));
            if (rank > Rank(status))
            {
                // A late repeat of an earlier step (an accept answered again after the start): the row is ahead.
                return;
            }

            var accepted = row.Status == nameof(RequestStatus.Routed) && status is not (RequestStatus.Routed or RequestStatus.Cancelled);
            var started = rank < Rank(RequestStatus.InProgress) && status is RequestStatus.InProgress or RequestStatus.Resolved or RequestStatus.Closed;
            var moveClock = (status is RequestStatus.Accepted or RequestStatus.InProgress) && (row.LastActivityAt is null || row.LastActivityAt < at);
            if (!closing && !accepted && !moveClock && row.Status == status.ToString())
            {
                return;
            }

            var stats = closing || accepted || started ? store.GetStatsAsync(ngoId, cancellationToken) : null;
            var actions = new List<TableTransactionAction>();
            if (closing || accepted)
            {
                var load = await store.GetLoadAsync(ngoId, cancellationToken);
                var loadETag = load.ETag;
                load.OpenCases = closing ? Math.Max(0, load.OpenCases - 1) : load.OpenCases;
                load.Accepted += accepted ? 1 : 0;
                actions.Add(new(TableTransactionActionType.UpdateReplace, load, loadETag));
            }

            if (stats is not null)
            {
                actions.Add(Count(await stats, row, status, at, assignment, accepted, started));
            }

            var rowETag = row.ETag;
            row.Status = status.ToString();
            row.LastActivityAt = moveClock ? at : row.LastActivityAt;
            if (closing)
            {
                actions.Add(new(TableTransactionActionType.Delete, new TableEntity(ngoId, row.RowKey), rowETag));
                row.RowKey = Keys.NgoClosedCaseRow(trackingCode);
                row.ClosedAt = at;
                actions.Add(new(TableTransactionActionType.UpsertReplace, row));
            }
            else
            {
                actions.Add(new(TableTransactionActionType.UpdateReplace, row, rowETag));
            }

            try
            {
                await store.CommitCaseChangeAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another writer changed the counter, the stats or the row since we read them: read them again.
            }
        }
    }

    /// <summary>Counts event <paramref name="change"/> of a request in <paramref name="ngoId"/>'s stats for the
    /// ministry, once however often it is called (<see cref="NgoCaseStore.CountEventOnceAsync"/>): a
    /// <c>Resolved</c> event's outcome (its detail, <see cref="ResolutionOutcomes.Parse"/>; one recorded before
    /// outcomes were asked for counts nothing), or the citizen's closure answer or the silence that closed it
    /// (<see cref="Closure.ClosureEvents"/>). Any other event counts nothing and writes nothing.</summary>
    public Task CountOnceAsync(string ngoId, RequestEventEntity change, CancellationToken cancellationToken)
    {
        if (change.Type == nameof(RequestStatus.Resolved))
        {
            return ResolutionOutcomes.Parse(change.Detail) is { } outcome
                ? store.CountEventOnceAsync(ngoId, change.PartitionKey, change.Sequence, c => c.CountOutcome(outcome.Outcome, outcome.Reason), cancellationToken)
                : Task.CompletedTask;
        }

        return change.Type is Closure.ClosureEvents.Confirmed or Closure.ClosureEvents.ClosedUnconfirmed or Closure.ClosureEvents.Disputed
            ? store.CountEventOnceAsync(ngoId, change.PartitionKey, change.Sequence, c => c.CountClosure(change.Type), cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>Gives the NGO back a case the citizen says was not resolved (<c>ClosureDisputed</c>): the
    /// row moves from the closed range back to the open one as <c>InProgress</c> since <paramref name="at"/>,
    /// and the case takes a place again (<see cref="NgoLoadEntity.OpenCases"/> + 1, even past capacity:
    /// the NGO owes this person its work). One ETag-checked transaction, retried when another writer came
    /// first; nothing when the row is open already (a repeat) or has no closed row to reopen.</summary>
    public async Task ReopenAsync(string ngoId, string trackingCode, DateTimeOffset at, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await store.FindOpenCaseAsync(ngoId, trackingCode, cancellationToken) is not null
                || await store.FindClosedCaseAsync(ngoId, trackingCode, cancellationToken) is not { } closed)
            {
                return;
            }

            var load = await store.GetLoadAsync(ngoId, cancellationToken);
            var loadETag = load.ETag;
            load.OpenCases++;
            var closedETag = closed.ETag;
            closed.RowKey = Keys.NgoCaseRow(trackingCode);
            closed.Status = nameof(RequestStatus.InProgress);
            closed.ClosedAt = null;
            closed.LastActivityAt = at;
            closed.Reopened++;
            try
            {
                await store.CommitCaseChangeAsync(
                    [
                        new(TableTransactionActionType.UpdateReplace, load, loadETag),
                        new(TableTransactionActionType.Delete, new TableEntity(ngoId, Keys.NgoClosedCaseRow(trackingCode)), closedETag),
                        new(TableTransactionActionType.Add, closed),
                    ],
                    cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another writer changed the counter or the row since we read them: read them again.
            }
        }
    }

    /// <summary>One page of the NGO's cases, open ones first; with <paramref name="status"/>, only
    /// cases in that status (a query of the open or the closed range only). Throws
    /// <see cref="RequestFailedException"/> (400) for a continuation token storage cannot read.</summary>
    public async Task<(IReadOnlyList<NgoCaseEntity> Rows, string? ContinuationToken)> PageAsync(
        string ngoId, RequestStatus? status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var (from, to) = status switch
        {
            null => (Keys.NgoCasePrefix, Keys.NgoClosedCasesEnd),
            { } s when IsClosing(s) => (Keys.NgoClosedCasePrefix, Keys.NgoClosedCasesEnd),
            _ => (Keys.NgoCasePrefix, Keys.NgoOpenCasesEnd),
        };
        return await store.PageCasesAsync(ngoId, from, to, status?.ToString(), continuationToken, pageSize, cancellationToken);
    }

    /// <summary>The NGO's open cases the SLA sweep must look at: not accepted and assigned at or before
    /// <paramref name="assignedBefore"/>, or accepted and quiet since <paramref name="quietBefore"/>. One
    /// query of the NGO's open range (as many rows as its capacity at most), never of closed cases.</summary>
    public Task<IReadOnlyList<NgoCaseEntity>> DueAsync(
        string ngoId, DateTimeOffset assignedBefore, DateTimeOffset quietBefore, CancellationToken cancellationToken) =>
        store.FindDueCasesAsync(ngoId, nameof(RequestStatus.Routed), assignedBefore, quietBefore, cancellationToken);

    /// <summary>Whether a request in <paramref name="status"/> no longer holds a place at its NGO.</summary>
    public static bool IsClosing(RequestStatus status) => status is RequestStatus.Resolved or RequestStatus.Cancelled or RequestStatus.Closed;

    // The ministry's counters for one sync of the case row (still as read, before this sync).
    private static TableTransactionAction Count(
        NgoStatsEntity stats, NgoCaseEntity row, RequestStatus status, DateTimeOffset at, AssignmentEntity? assignment, bool accepted, bool started)
    {
        var acceptedAt = assignment is { State: nameof(AssignmentState.Accepted), AnsweredAt: { } answered }
            ? answered
            : status == RequestStatus.Accepted ? at : (DateTimeOffset?)null;
        if (accepted)
        {
            stats.Counters.CountAccepted(acceptedAt - (assignment?.AssignedAt ?? row.AssignedAt));
        }

        if (started)
        {
            stats.Counters.CountStarted();
        }

        // Once per case: a case the citizen sent back was counted and timed when first resolved.
        if (status is RequestStatus.Resolved or RequestStatus.Closed && row.Reopened == 0)
        {
            stats.Counters.CountResolved(at - acceptedAt);
        }
        else if (status == RequestStatus.Cancelled)
        {
            stats.Counters.CountCancelled();
        }

        return stats.ToAction();
    }

    // How far along an open case is; a row never moves back.
    private static int Rank(RequestStatus status) => status switch
    {
        RequestStatus.Routed => 0,
        RequestStatus.Accepted => 1,
        RequestStatus.InProgress => 2,
        _ => 3,
    };

    // The row left the open range earlier (Resolved); a later Closed or Cancelled only renames its status.
    private async Task SyncClosedAsync(string ngoId, string trackingCode, RequestStatus status, CancellationToken cancellationToken)
    {
        var found = await store.FindClosedCaseAsync(ngoId, trackingCode, cancellationToken);
        if (found is not null && found.Status != status.ToString())
        {
            found.Status = status.ToString();
            try
            {
                await store.ReplaceCaseAsync(found, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // A concurrent sync wrote it.
            }
        }
    }
}
