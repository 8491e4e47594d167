using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Ministry;

/// <summary>The ministry's monitoring API (configuration section <c>Ministry</c>).</summary>
public sealed class MinistryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Ministry";

    /// <summary>Most requests per page of <c>GET /api/ministry/requests</c>.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Days covered when a query gives no <c>from</c> (ending today, UTC, inclusive).</summary>
    [Range(1, 366)]
    public int DefaultWindowDays { get; set; } = 30;

    /// <summary>The longest date range one query may ask for, in days.</summary>
    [Range(1, 3660)]
    public int MaxRangeDays { get; set; } = 366;

    /// <summary>Aggregate rows per sector × governorate and day (see <c>Aggregates.AggregateCounters</c>):
    /// concurrent changes of one cell's requests spread over this many rows, so they seldom race for
    /// one ETag. Changing it later is safe: readers sum every shard.</summary>
    [Range(1, 64)]
    public int AggregateShards { get; set; } = 4;

    /// <summary>Most RequestIndex rows (index and aggregate rows) the index writer remembers with their
    /// ETags to skip a read before its next write (<c>Aggregates.IndexWriteCache</c>).</summary>
    [Range(0, 1_000_000)]
    public int IndexCacheEntries { get; set; } = 20_000;
}
