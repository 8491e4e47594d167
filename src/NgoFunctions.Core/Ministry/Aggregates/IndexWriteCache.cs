using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace NgoFunctions.Core.Ministry.Aggregates;

/// <summary>The RequestIndex rows this process last wrote or read (index rows and aggregate rows,
/// each with its ETag), so that the next write to them can skip the read. Only an optimisation: every
/// write is still if-match the cached ETag, and a 412 drops the entry and reads again, so a stale entry
/// costs one failed write, never a wrong count. Bounded by
/// <see cref="MinistryOptions.IndexCacheEntries"/> (least recently used go first); entries unused for
/// ten minutes expire.</summary>
public sealed class IndexWriteCache : IDisposable
{
    private static readonly TimeSpan Sliding = TimeSpan.FromMinutes(10);
    private readonly MemoryCache _cache;

    /// <summary>Creates the cache with its bound from <paramref name="options"/>.</summary>
    public IndexWriteCache(IOptions<MinistryOptions> options) =>
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.IndexCacheEntries, CompactionPercentage = 0.25 });

    /// <summary>The index row of <paramref name="trackingCode"/> as last seen, or <c>null</c>.</summary>
    public StoredIndexRow? GetIndexRow(string day, string trackingCode) =>
        _cache.TryGetValue((day, trackingCode), out StoredIndexRow? row) ? row : null;

    /// <summary>Remembers an index row as stored now.</summary>
    public void SetIndexRow(string day, string trackingCode, StoredIndexRow row) =>
        _cache.Set((day, trackingCode), row, Entry);

    /// <summary>A copy of the cached aggregate row, or <c>null</c> (the caller may change the copy).</summary>
    public TableEntity? GetAggregateRow(string day, string rowKey) =>
        _cache.TryGetValue((day, rowKey), out TableEntity? row) && row is not null ? Copy(row) : null;

    /// <summary>Remembers an aggregate row as stored now (its ETag set to the stored one).</summary>
    public void SetAggregateRow(TableEntity row) => _cache.Set((row.PartitionKey, row.RowKey), Copy(row), Entry);

    /// <summary>Forgets a row (after a failed write, or when it is unknown how it is stored).</summary>
    public void Remove(string partitionKey, string rowKey) => _cache.Remove((partitionKey, rowKey));

    /// <inheritdoc />
    public void Dispose() => _cache.Dispose();

    private static MemoryCacheEntryOptions Entry => new() { Size = 1, SlidingExpiration = Sliding };

    private static TableEntity Copy(TableEntity row) => new(row) { ETag = row.ETag };
}

/// <summary>What the index writer needs of a stored index row.</summary>
/// <param name="State">Its contribution to the aggregates.</param>
/// <param name="EventCount">Its version (<see cref="RequestIndexEntity.EventCount"/>).</param>
/// <param name="AggregatesVersion">Whether its contribution is counted (<see cref="RequestIndexEntity.AggregatesVersion"/>).</param>
/// <param name="ETag">Its ETag.</param>
/// <param name="HasRoutingMarker">Whether its routing marker exists (<see cref="RequestIndexEntity.HasRoutingMarker"/>).</param>
/// <param name="HasErasureMarker">Whether its erasure marker exists (<see cref="RequestIndexEntity.HasErasureMarker"/>).</param>
public sealed record StoredIndexRow(IndexState State, int EventCount, int AggregatesVersion, Azure.ETag ETag, bool HasRoutingMarker, bool HasErasureMarker);
