using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>The NgoCases table's one gateway: every read and write of it goes through here (PK = NGO
/// id; rows <c>load</c>, the open-case counter; <c>case-{code}</c> and <c>closed-{code}</c>, the
/// NGO's cases; <c>stats</c>, the ministry's counters; <c>rated-{code}</c>, a counted rating; see
/// <see cref="Keys"/> and <see cref="NgoStatsEntity"/>). What a change means (which counters move when
/// a case changes status) is its callers'; the row shapes, queries and transactions are here. A
/// reservation increments the counter (if-match its ETag, refused at capacity) and adds the case row in
/// one transaction, so the count is exact under concurrency and a repeated reservation counts once.
/// Storage failures surface as <see cref="RequestFailedException"/> after the SDK's retries.</summary>
public sealed class NgoCaseStore(StorageTables tables)
{
    /// <summary>The NGO's open case row of the request (RK <c>case-{code}</c>), or <c>null</c>. One point read.</summary>
    public async Task<NgoCaseEntity?> FindOpenCaseAsync(string ngoId, string trackingCode, CancellationToken cancellationToken)
    {
        var found = await tables.NgoCases.GetEntityIfExistsAsync<NgoCaseEntity>(ngoId, Keys.NgoCaseRow(trackingCode), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The NGO's closed case row of the request (RK <c>closed-{code}</c>), or <c>null</c>. One point read.</summary>
    public async Task<NgoCaseEntity?> FindClosedCaseAsync(string ngoId, string trackingCode, CancellationToken cancellationToken)
    {
        var found = await tables.NgoCases.GetEntityIfExistsAsync<NgoCaseEntity>(ngoId, Keys.NgoClosedCaseRow(trackingCode), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The NGO's counter as stored, with its ETag. One point read; throws
    /// <see cref="RequestFailedException"/> (404) when it does not exist (an NGO holding a case has one).</summary>
    public async Task<NgoLoadEntity> GetLoadAsync(string ngoId, CancellationToken cancellationToken) =>
        (await tables.NgoCases.GetEntityAsync<NgoLoadEntity>(ngoId, Keys.NgoLoadRow, cancellationToken: cancellationToken)).Value;

    /// <summary>The NGO's stats row, or all zeros (<see cref="NgoStatsEntity.Empty"/>) when it has none. One point read.</summary>
    public Task<NgoStatsEntity> GetStatsAsync(string ngoId, CancellationToken cancellationToken) =>
        NgoStatsEntity.ReadAsync(tables.NgoCases, ngoId, cancellationToken);

    /// <summary>The NGO's open-case count (0 without a counter) and stats row (all zeros without one),
    /// for the ministry: one query of the NGO's partition for exactly those two rows.</summary>
    public async Task<(int OpenCases, NgoStatsEntity Stats)> GetLoadAndStatsAsync(string ngoId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ngoId} and (RowKey eq {Keys.NgoLoadRow} or RowKey eq {NgoStatsEntity.Row})");
        var openCases = 0;
        var stats = NgoStatsEntity.Empty(ngoId);
        await foreach (var row in tables.NgoCases.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == Keys.NgoLoadRow)
            {
                openCases = row.GetInt32(nameof(NgoLoadEntity.OpenCases)) ?? 0;
            }
            else
            {
                stats = NgoStatsEntity.From(row);
            }
        }

        return (openCases, stats);
    }

    /// <summary>Writes one change of an NGO's case: <paramref name="actions"/> (its counter, stats and
    /// case rows, all in the NGO's partition, each guarded by the ETag it was read with) as one
    /// entity-group transaction. Throws <see cref="TableTransactionFailedException"/> (404, 409 or 412)
    /// when another writer changed or removed a row since it was read: read again and retry.</summary>
    public Task CommitCaseChangeAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        tables.NgoCases.SubmitTransactionAsync(actions, cancellationToken);

    /// <summary>Replaces a case row if-match its ETag. Throws
    /// <see cref="RequestFailedException"/> (412) when another writer changed it since it was read.</summary>
    public Task ReplaceCaseAsync(NgoCaseEntity row, CancellationToken cancellationToken) =>
        tables.NgoCases.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken);

    /// <summary>One page of the NGO's case rows with RowKey in [<paramref name="fromRow"/>,
    /// <paramref name="toRow"/>), only those in <paramref name="status"/> when given; in RowKey order.
    /// One query request. Throws <see cref="RequestFailedException"/> (400) for a continuation token
    /// storage cannot read.</summary>
    public async Task<(IReadOnlyList<NgoCaseEntity> Rows, string? ContinuationToken)> PageCasesAsync(
        string ngoId, string fromRow, string toRow, string? status, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        var filter = status is { } wanted
            ? TableClient.CreateQueryFilter($"PartitionKey eq {ngoId} and RowKey ge {fromRow} and RowKey lt {toRow} and Status eq {wanted}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {ngoId} and RowKey ge {fromRow} and RowKey lt {toRow}");
        await foreach (var page in tables.NgoCases.QueryAsync<NgoCaseEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>The NGO's open case rows (RK in the <c>case-</c> range) in status <paramref name="routed"/>
    /// assigned at or before <paramref name="assignedBefore"/>, or in another status and quiet since
    /// <paramref name="quietBefore"/>. One query of the open range (as many rows as the NGO's capacity at most).</summary>
    public async Task<IReadOnlyList<NgoCaseEntity>> FindDueCasesAsync(
        string ngoId, string routed, DateTimeOffset assignedBefore, DateTimeOffset quietBefore, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ngoId} and RowKey ge {Keys.NgoCasePrefix} and RowKey lt {Keys.NgoOpenCasesEnd} and ((Status eq {routed} and AssignedAt le {assignedBefore}) or (Status ne {routed} and LastActivityAt le {quietBefore}))");
        var due = new List<NgoCaseEntity>();
        await foreach (var row in tables.NgoCases.QueryAsync<NgoCaseEntity>(filter, cancellationToken: cancellationToken))
        {
            due.Add(row);
        }

        return due;
    }

    /// <summary>Counts the rating of <paramref name="trackingCode"/> (1–5, given at <paramref name="ratedAt"/>)
    /// for <paramref name="ngoId"/> once: adds the <see cref="NgoStatsEntity.RatedRow"/> marker and the
    /// changed stats row in one transaction; when the marker exists already (an earlier call counted it)
    /// nothing changes. Races on the stats row are read again and retried.</summary>
    public async Task CountRatingOnceAsync(string ngoId, string trackingCode, int rating, DateTimeOffset ratedAt, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stats = await GetStatsAsync(ngoId, cancellationToken);
            stats.Counters.CountRating(rating);
            var marker = new TableEntity(ngoId, NgoStatsEntity.RatedRow(trackingCode)) { ["Rating"] = rating, ["RatedAt"] = ratedAt };
            try
            {
                await tables.NgoCases.SubmitTransactionAsync(
                    [new(TableTransactionActionType.Add, marker), stats.ToAction()], cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && ex.Status == 409)
            {
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another transition of this NGO changed the stats row since we read it: read again.
            }
        }
    }

    /// <summary>Counts one event of <paramref name="trackingCode"/> (event number <paramref name="eventSequence"/>)
    /// in <paramref name="ngoId"/>'s stats once: <paramref name="count"/> changes the counters, which are
    /// written with a <see cref="NgoStatsEntity.CountedRow"/> marker in one transaction; when the marker exists
    /// already (an earlier call counted it) nothing changes. Races on the stats row are read again and retried.
    /// For events whose transition has no NGO-side write of its own: a resolution's outcome, the citizen's
    /// closure answer, the silence that closed it.</summary>
    public async Task CountEventOnceAsync(
        string ngoId, string trackingCode, int eventSequence, Action<NgoStatsCounters> count, CancellationToken cancellationToken)
    {
        while (true)
        {
            var stats = await GetStatsAsync(ngoId, cancellationToken);
            count(stats.Counters);
            var marker = new TableEntity(ngoId, NgoStatsEntity.CountedRow(trackingCode, eventSequence));
            try
            {
                await tables.NgoCases.SubmitTransactionAsync(
                    [new(TableTransactionActionType.Add, marker), stats.ToAction()], cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 0 && ex.Status == 409)
            {
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another transition of this NGO changed the stats row since we read it: read again.
            }
        }
    }

    /// <summary>The counter of each NGO (a zero counter for an NGO that never had a case); point reads run together.</summary>
    public async Task<IReadOnlyDictionary<string, NgoLoadEntity>> GetLoadsAsync(IEnumerable<string> ngoIds, CancellationToken cancellationToken)
    {
        var reads = ngoIds.Distinct(StringComparer.Ordinal).Select(async id =>
        {
            var response = await tables.NgoCases.GetEntityIfExistsAsync<NgoLoadEntity>(id, Keys.NgoLoadRow, cancellationToken: cancellationToken);
            return response.HasValue ? response.Value! : new NgoLoadEntity { PartitionKey = id, RowKey = Keys.NgoLoadRow, ETag = default };
        });
        return (await Task.WhenAll(reads)).ToDictionary(l => l.PartitionKey, StringComparer.Ordinal);
    }

    /// <summary>Reserves one place at the NGO for <paramref name="caseRow"/>.</summary>
    /// <param name="load">The counter as read (its ETag guards the update; an empty ETag means it does not exist yet).</param>
    /// <param name="capacity">The NGO's capacity.</param>
    /// <param name="caseRow">The case row to add in the same transaction.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome: <see cref="ReservationOutcome.Reserved"/>, with the counter as written and
    /// the ETag storage gave it (<c>null</c> when the response carried none); <see cref="ReservationOutcome.AlreadyReserved"/>
    /// when this case row exists (an earlier delivery reserved it); <see cref="ReservationOutcome.Full"/>
    /// when the counter is at capacity; <see cref="ReservationOutcome.Raced"/> when another writer changed
    /// the counter since it was read (read again and decide again).</returns>
    public async Task<Reservation> TryReserveAsync(NgoLoadEntity load, int capacity, NgoCaseEntity caseRow, CancellationToken cancellationToken)
    {
        if (load.OpenCases >= capacity)
        {
            return new(ReservationOutcome.Full, null);
        }

        var updated = new NgoLoadEntity
        {
            PartitionKey = load.PartitionKey,
            RowKey = Keys.NgoLoadRow,
            OpenCases = load.OpenCases + 1,
            Accepted = load.Accepted,
            NotAccepted = load.NotAccepted,
        };
        TableTransactionAction counter = load.ETag == default
            ? new(TableTransactionActionType.Add, updated)
            : new(TableTransactionActionType.UpdateReplace, updated, load.ETag);
        try
        {
            var response = await tables.NgoCases.SubmitTransactionAsync([counter, new(TableTransactionActionType.Add, caseRow)], cancellationToken);
            if (response.Value.Count > 0 && response.Value[0].Headers.ETag is { } etag)
            {
                updated.ETag = etag;
                return new(ReservationOutcome.Reserved, updated);
            }

            return new(ReservationOutcome.Reserved, null);
        }
        catch (TableTransactionFailedException ex) when (ex.FailedTransactionActionIndex == 1 && ex.Status == 409)
        {
            return new(ReservationOutcome.AlreadyReserved, null);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            return new(ReservationOutcome.Raced, null);
        }
    }

    /// <summary>Whether <paramref name="ngoId"/> holds an open case row for <paramref name="trackingCode"/>:
    /// a place reserved for it there (committed Routed or not yet). One point read.</summary>
    public async Task<bool> HoldsPlaceAsync(string ngoId, string trackingCode, CancellationToken cancellationToken) =>
        (await FindReservationsAsync([ngoId], trackingCode, cancellationToken)).Count > 0;

    /// <summary>The NGOs among <paramref name="ngoIds"/> that hold an open case row for
    /// <paramref name="trackingCode"/> (a place reserved for it), in the order given. One point read per
    /// NGO, run together.</summary>
    public async Task<IReadOnlyList<string>> FindReservationsAsync(IReadOnlyCollection<string> ngoIds, string trackingCode, CancellationToken cancellationToken)
    {
        var rowKey = Keys.NgoCaseRow(trackingCode);
        var reads = ngoIds.Select(id => tables.NgoCases.GetEntityIfExistsAsync<TableEntity>(id, rowKey, ["RowKey"], cancellationToken)).ToList();
        var found = await Task.WhenAll(reads);
        return ngoIds.Where((_, i) => found[i].HasValue).ToList();
    }

    /// <summary>Gives back a place reserved for a request that did not take it (the request changed
    /// meanwhile). Idempotent: nothing happens when the case row is gone already.</summary>
    public Task ReleaseAsync(string ngoId, string trackingCode, CancellationToken cancellationToken) =>
        ReleaseAsync(ngoId, trackingCode, notAccepted: null, cancellationToken);

    /// <summary>Gives back a place, as <see cref="ReleaseAsync(string, string, CancellationToken)"/>; when
    /// the NGO declined the assignment or let it expire (<paramref name="notAccepted"/>, the ended
    /// assignment), adds one to its <see cref="NgoLoadEntity.NotAccepted"/> and to the ministry's
    /// <see cref="NgoStatsEntity"/> (declined with its reason code, or expired) in the same transaction
    /// as the case row's removal, so it counts once.</summary>
    public async Task ReleaseAsync(string ngoId, string trackingCode, AssignmentEntity? notAccepted, CancellationToken cancellationToken)
    {
        while (true)
        {
            var caseRow = await FindOpenCaseAsync(ngoId, trackingCode, cancellationToken);
            if (caseRow is null)
            {
                return;
            }

            var stats = notAccepted is null ? null : GetStatsAsync(ngoId, cancellationToken);
            var load = await GetLoadAsync(ngoId, cancellationToken);
            var etag = load.ETag;
            load.OpenCases = Math.Max(0, load.OpenCases - 1);
            load.NotAccepted += notAccepted is null ? 0 : 1;
            List<TableTransactionAction> actions =
                [new(TableTransactionActionType.UpdateReplace, load, etag), new(TableTransactionActionType.Delete, caseRow, caseRow.ETag)];
            if (stats is not null)
            {
                var row = await stats;
                if (notAccepted!.State == nameof(Domain.AssignmentState.Expired))
                {
                    row.Counters.CountExpired();
                }
                else
                {
                    row.Counters.CountDeclined(notAccepted.DeclineReason);
                }

                actions.Add(row.ToAction());
            }

            try
            {
                await tables.NgoCases.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Someone else changed the counter, the stats or removed the row: read them again.
            }
        }
    }
}

/// <summary>What <see cref="NgoCaseStore.TryReserveAsync"/> did.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Counter">On <see cref="ReservationOutcome.Reserved"/>, the counter as written, with its new
/// ETag (what the router keeps in <see cref="NgoLoadCache"/>); otherwise <c>null</c>.</param>
public sealed record Reservation(ReservationOutcome Outcome, NgoLoadEntity? Counter);

/// <summary>The outcome of <see cref="NgoCaseStore.TryReserveAsync"/>.</summary>
public enum ReservationOutcome
{
    /// <summary>The place is ours.</summary>
    Reserved,

    /// <summary>An earlier delivery of the same message reserved it; nothing changed now.</summary>
    AlreadyReserved,

    /// <summary>The NGO is at capacity.</summary>
    Full,

    /// <summary>The counter changed since it was read.</summary>
    Raced,
}
