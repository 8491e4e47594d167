using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Ministry;

/// <summary>Keeps the ministry's monitoring index (<see cref="RequestIndexEntity"/>) and its flow
/// aggregates (<see cref="AggregateCounters"/>) in step with the requests, and reads the index. Writes
/// follow a committed change of the request, so the index can only trail the request, never run ahead
/// of it; each write moves the aggregate counters by the difference between the new and the stored
/// row in the same entity-group transaction, so the counters always equal a recount of the rows. It follows
/// the requests as an <see cref="IRequestCommitObserver"/>, so the requests' store does not depend on it.</summary>
public sealed partial class RequestIndex(
    StorageTables tables, IndexWriteCache cache, IOptions<MinistryOptions> options, ILogger<RequestIndex> logger)
    : IRequestCommitObserver
{
    private const int WriteAttempts = 8;

    /// <summary>Writes <paramref name="request"/>'s current state to the index and its aggregates.
    /// Idempotent, and never goes backwards: when the stored row has as many events or more (a newer
    /// state written by a concurrent change) and is counted, nothing is written. <paramref name="isNew"/>
    /// says the row cannot exist yet (a request just created), which saves the read. Cost: one
    /// entity-group transaction, plus one query when the rows are not in <see cref="IndexWriteCache"/>
    /// or changed elsewhere. Returns whether anything was written. A storage failure is logged, not
    /// thrown: the request's change is already committed and must not be reported as failed because its
    /// index row lags (the next change, or <see cref="RebuildAsync"/>, brings it up to date).</summary>
    public Task<bool> UpsertAsync(ServiceRequestEntity request, bool isNew, CancellationToken cancellationToken) =>
        WriteAsync(request, isNew, trustCache: true, cancellationToken);

    /// <summary>After a committed write of a request: <see cref="UpsertAsync"/> (which logs, never throws,
    /// a storage failure).</summary>
    Task IRequestCommitObserver.CommittedAsync(ServiceRequestEntity request, bool isNew, CancellationToken cancellationToken) =>
        UpsertAsync(request, isNew, cancellationToken);

    // trustCache: false reads the rows first even when cached (the rebuild: rows may have been deleted
    // or written by hand; a cached row is trusted only because rows never go backwards).
    private async Task<bool> WriteAsync(ServiceRequestEntity request, bool isNew, bool trustCache, CancellationToken cancellationToken)
    {
        var row = RequestIndexEntity.From(request);
        var shard = AggregateCounters.Shard(row.RowKey, options.Value.AggregateShards);
        try
        {
            for (var attempt = 0; attempt < WriteAttempts; attempt++)
            {
                var (stored, aggregates) = await ReadAsync(row, shard, knownNew: isNew && attempt == 0, fromCache: trustCache && attempt == 0, cancellationToken);
                if (stored is not null && stored.EventCount >= row.EventCount && stored.AggregatesVersion >= RequestIndexEntity.CurrentAggregatesVersion
                    && (stored.HasRoutingMarker || stored.State.Status != nameof(Domain.RequestStatus.Submitted))
                    && (stored.HasErasureMarker || !row.HasErasureMarker || stored.EventCount > row.EventCount))
                {
                    return false;
                }

                var changed = Apply(row, stored, aggregates, shard);
                var actions = new List<TableTransactionAction>
                {
                    stored is null ? new(TableTransactionActionType.Add, row) : new(TableTransactionActionType.UpdateReplace, row, stored.ETag),
                };
                actions.AddRange(changed.Select(a => a.ETag == default
                    ? new TableTransactionAction(TableTransactionActionType.Add, a)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, a, a.ETag)));

                // The routing marker lives and dies with the row's Submitted state, in this transaction
                // (after the rows whose ETags Remember reads): a request that leaves Submitted by any
                // path (routed, unroutable, cancelled) takes its marker with it.
                var hadMarker = stored?.HasRoutingMarker ?? false;
                if (row.HasRoutingMarker && !hadMarker)
                {
                    actions.Add(new(TableTransactionActionType.Add, row.RoutingMarker()));
                }
                else if (!row.HasRoutingMarker && hadMarker)
                {
                    actions.Add(new(TableTransactionActionType.Delete, row.RoutingMarker(), ETag.All));
                }

                // Likewise the erasure marker with the row's "final, personal data kept" state; rewritten
                // while it stays, since the retention period runs from the latest final status
                // (Resolved, then Closed).
                if (row.HasErasureMarker)
                {
                    actions.Add(new(TableTransactionActionType.UpsertReplace, row.ErasureMarker()));
                }
                else if (stored?.HasErasureMarker ?? false)
                {
                    actions.Add(new(TableTransactionActionType.Delete, row.ErasureMarker(), ETag.All));
                }
                try
                {
                    var response = await tables.RequestIndex.SubmitTransactionAsync(actions, cancellationToken);
                    Remember(row, changed, response.Value);
                    return true;
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Another writer changed one of the rows since we read (or cached) it: read again.
                    cache.Remove(row.PartitionKey, row.RowKey);
                    foreach (var a in changed)
                    {
                        cache.Remove(a.PartitionKey, a.RowKey);
                    }
                }
            }

            LogGaveUp(logger, request.RequestId, row.EventCount);
        }
        catch (RequestFailedException ex)
        {
            cache.Remove(row.PartitionKey, row.RowKey);
            LogFailed(logger, ex, request.RequestId, ex.Status);
        }

        return false;
    }

    /// <summary>One page of index rows matching <paramref name="filter"/> (an OData filter built with
    /// <see cref="TableClient.CreateQueryFilter(FormattableString)"/>; aggregate rows are left out here),
    /// in PartitionKey (day) then tracking-code order, and the storage continuation token of the next page
    /// (<c>null</c> at the end). A page may hold fewer than <paramref name="pageSize"/> rows, even none,
    /// while a token follows. Throws <see cref="RequestFailedException"/> with status 400 for a token
    /// storage rejects.</summary>
    public async Task<(IReadOnlyList<RequestIndexEntity> Rows, string? Next)> PageAsync(
        string filter, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        await foreach (var page in tables.RequestIndex.QueryAsync<RequestIndexEntity>(OnlyIndexRows(filter), pageSize, cancellationToken: cancellationToken)
                           .AsPages(continuationToken, pageSize))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Every aggregate row matching <paramref name="filter"/> (an OData filter on PartitionKey,
    /// RowKey and the <see cref="AggregateCounters.SectorProperty"/>/<see cref="AggregateCounters.GovernorateProperty"/>
    /// properties), untyped.</summary>
    public async Task<List<TableEntity>> AggregateRowsAsync(string filter, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var only = TableClient.CreateQueryFilter($"RowKey ge {AggregateCounters.RowKeyPrefix} and RowKey lt {AggregateCounters.RowKeyEnd}");
        await foreach (var row in tables.RequestIndex.QueryAsync<TableEntity>($"({filter}) and {only}", cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Brings the index and its aggregates up to date with every stored request: for each
    /// request row of the ServiceRequests table (one scan, page by page), <see cref="UpsertAsync"/>. Safe
    /// to run at any time and repeatedly: rows already up to date and counted are left alone. For
    /// requests stored before the index, its aggregates or the routing markers existed (a request still
    /// <c>Submitted</c> gets its marker, so the stale-request sweep finds it). Returns the requests scanned
    /// and the index rows written.</summary>
    public async Task<(int Scanned, int Written)> RebuildAsync(CancellationToken cancellationToken)
    {
        var scanned = 0;
        var written = 0;
        var filter = TableClient.CreateQueryFilter($"RowKey eq {Keys.RequestRow}");
        await foreach (var request in tables.Requests.QueryAsync<ServiceRequestEntity>(filter, cancellationToken: cancellationToken))
        {
            scanned++;
            written += await WriteAsync(request, isNew: false, trustCache: false, cancellationToken) ? 1 : 0;
        }

        LogRebuilt(logger, scanned, written);
        return (scanned, written);
    }

    private static string OnlyIndexRows(string filter) =>
        $"({filter}) and {TableClient.CreateQueryFilter($"RowKey lt {AggregateCounters.IndexRowKeyEnd}")}";

    // The stored index row and the aggregate rows the write touches (the new row's cell, and the stored
    // row's cell when it was counted elsewhere), from the cache when it has them all, else in one query.
    private async Task<(StoredIndexRow? Stored, Dictionary<string, TableEntity?> Aggregates)> ReadAsync(
        RequestIndexEntity row, int shard, bool knownNew, bool fromCache, CancellationToken cancellationToken)
    {
        var cell = AggregateCounters.RowKey(row.Sector, row.Governorate, shard);
        if (fromCache)
        {
            var stored = knownNew ? null : cache.GetIndexRow(row.PartitionKey, row.RowKey);
            if ((knownNew || stored is not null) && cache.GetAggregateRow(row.PartitionKey, cell) is { } cached)
            {
                var aggregates = new Dictionary<string, TableEntity?>(StringComparer.Ordinal) { [cell] = cached };
                var storedCell = stored is null ? cell : AggregateCounters.RowKey(stored.State.Sector, stored.State.Governorate, shard);
                if (storedCell == cell || cache.GetAggregateRow(row.PartitionKey, storedCell) is { } other && aggregates.TryAdd(storedCell, other))
                {
                    return (stored, aggregates);
                }
            }
        }

        return await QueryAsync(row, shard, cell, knownNew, cancellationToken);
    }

    private async Task<(StoredIndexRow? Stored, Dictionary<string, TableEntity?> Aggregates)> QueryAsync(
        RequestIndexEntity row, int shard, string cell, bool knownNew, CancellationToken cancellationToken)
    {
        var aggregates = new Dictionary<string, TableEntity?>(StringComparer.Ordinal) { [cell] = null };
        StoredIndexRow? stored = null;
        var filter = knownNew
            ? TableClient.CreateQueryFilter($"PartitionKey eq {row.PartitionKey} and RowKey eq {cell}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {row.PartitionKey} and (RowKey eq {row.RowKey} or RowKey eq {cell})");
        await foreach (var found in tables.RequestIndex.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (found.RowKey == row.RowKey)
            {
                stored = new StoredIndexRow(
                    IndexState.Of(found),
                    found.GetInt32(nameof(RequestIndexEntity.EventCount)) ?? 0,
                    found.GetInt32(nameof(RequestIndexEntity.AggregatesVersion)) ?? 0,
                    found.ETag,
                    found.GetBoolean(nameof(RequestIndexEntity.HasRoutingMarker)) ?? false,
                    found.GetBoolean(nameof(RequestIndexEntity.HasErasureMarker)) ?? false);
                cache.SetIndexRow(row.PartitionKey, row.RowKey, stored);
            }
            else
            {
                aggregates[found.RowKey] = found;
                cache.SetAggregateRow(found);
            }
        }

        // A row counted in another cell (its sector or governorate changed): that cell gives its count back.
        if (stored is { AggregatesVersion: > 0 } && AggregateCounters.RowKey(stored.State.Sector, stored.State.Governorate, shard) is var storedCell
            && storedCell != cell)
        {
            var other = await tables.RequestIndex.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, storedCell, cancellationToken: cancellationToken);
            aggregates[storedCell] = other.HasValue ? other.Value : null;
        }

        return (stored, aggregates);
    }

    // The aggregate rows after moving them by (new row − stored row); a row that does not exist yet has
    // no ETag (it is added).
    private static List<TableEntity> Apply(RequestIndexEntity row, StoredIndexRow? stored, Dictionary<string, TableEntity?> aggregates, int shard)
    {
        var deltas = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        Dictionary<string, long> DeltaOf(string sector, string governorate)
        {
            var key = AggregateCounters.RowKey(sector, governorate, shard);
            if (!deltas.TryGetValue(key, out var delta))
            {
                deltas[key] = delta = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            return delta;
        }

        var next = IndexState.Of(row);
        AggregateCounters.Add(DeltaOf(next.Sector, next.Governorate), next, +1);
        if (stored is { AggregatesVersion: > 0 })
        {
            AggregateCounters.Add(DeltaOf(stored.State.Sector, stored.State.Governorate), stored.State, -1, stored.AggregatesVersion);
        }

        var changed = new List<TableEntity>();
        foreach (var (key, delta) in deltas)
        {
            if (delta.Values.All(v => v == 0))
            {
                continue;
            }

            var aggregate = aggregates.GetValueOrDefault(key) ?? NewAggregate(row.PartitionKey, key);
            foreach (var (counter, by) in delta)
            {
                aggregate[counter] = AggregateCounters.Read(aggregate, counter) + by;
            }

            changed.Add(aggregate);
        }

        return changed;
    }

    private static TableEntity NewAggregate(string day, string rowKey)
    {
        var parts = rowKey[AggregateCounters.RowKeyPrefix.Length..].Split('|');
        return new TableEntity(day, rowKey)
        {
            [AggregateCounters.SectorProperty] = parts[0],
            [AggregateCounters.GovernorateProperty] = parts[1],
        };
    }

    private void Remember(RequestIndexEntity row, List<TableEntity> changed, IReadOnlyList<Response> responses)
    {
        cache.SetIndexRow(row.PartitionKey, row.RowKey, new StoredIndexRow(
            IndexState.Of(row), row.EventCount, row.AggregatesVersion, responses[0].Headers.ETag ?? default, row.HasRoutingMarker, row.HasErasureMarker));
        for (var i = 0; i < changed.Count; i++)
        {
            if (responses[i + 1].Headers.ETag is { } etag)
            {
                changed[i].ETag = etag;
                cache.SetAggregateRow(changed[i]);
            }
            else
            {
                cache.Remove(changed[i].PartitionKey, changed[i].RowKey);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request index not updated for {RequestId} (status {StorageStatus}); it trails the request until its next change")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid requestId, int storageStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request index write for {RequestId} (event {EventCount}) lost every race; it trails the request until its next change")]
    private static partial void LogGaveUp(ILogger logger, Guid requestId, int eventCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request index rebuilt: {Scanned} requests scanned, {Written} index rows written")]
    private static partial void LogRebuilt(ILogger logger, int scanned, int written);
}
