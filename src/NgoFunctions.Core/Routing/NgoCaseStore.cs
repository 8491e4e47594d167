using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>Each NGO's open-case counter and case rows (NgoCases, PK = NGO id). A reservation
/// increments the counter (if-match its ETag, refused at capacity) and adds the case row in one
/// transaction, so the count is exact under concurrency and a repeated reservation counts once.</summary>
public sealed class NgoCaseStore(StorageTables tables)
{
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
            var caseRow = await tables.NgoCases.GetEntityIfExistsAsync<NgoCaseEntity>(ngoId, Keys.NgoCaseRow(trackingCode), cancellationToken: cancellationToken);
            if (!caseRow.HasValue)
            {
                return;
            }

            var stats = notAccepted is null ? null : NgoStatsEntity.ReadAsync(tables.NgoCases, ngoId, cancellationToken);
            var load = (await tables.NgoCases.GetEntityAsync<NgoLoadEntity>(ngoId, Keys.NgoLoadRow, cancellationToken: cancellationToken)).Value;
            var etag = load.ETag;
            load.OpenCases = Math.Max(0, load.OpenCases - 1);
            load.NotAccepted += notAccepted is null ? 0 : 1;
            List<TableTransactionAction> actions =
                [new(TableTransactionActionType.UpdateReplace, load, etag), new(TableTransactionActionType.Delete, caseRow.Value!, caseRow.Value!.ETag)];
            if (stats is not null)
            {
                var counters = await stats;
                if (notAccepted!.State == nameof(Domain.AssignmentState.Expired))
                {
                    counters.CountExpired();
                }
                else
                {
                    counters.CountDeclined(notAccepted.DeclineReason);
                }

                actions.Add(counters.ToAction());
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
