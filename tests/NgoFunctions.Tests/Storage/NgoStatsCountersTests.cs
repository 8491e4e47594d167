using Azure.Data.Tables;
using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Tests.Storage;

/// <summary>What each transition adds to an NGO's counters, and that the stats row stores them under the
/// same columns as before the counters had their own type (and reads them back).</summary>
[Trait("Category", "Unit")]
public sealed class NgoStatsCountersTests
{
    [Fact]
    public void EachCount_AddsOne_WithItsReasonOrBucket()
    {
        var counters = new NgoStatsCounters();

        counters.CountAccepted(TimeSpan.FromMinutes(5));
        counters.CountAccepted(null);
        counters.CountDeclined("no-capacity");
        counters.CountDeclined(" ");
        counters.CountExpired();
        counters.CountStarted();
        counters.CountResolved(TimeSpan.FromDays(2));
        counters.CountCancelled();
        counters.CountRating(4);
        counters.CountRating(5);

        Assert.Equal((2, 2, 1, 1, 1, 1, 2, 9), (counters.Accepted, counters.Declined, counters.Expired, counters.Started,
            counters.Resolved, counters.Cancelled, counters.RatingCount, counters.RatingSum));
        Assert.Equal(1, counters.DeclineReasons["no-capacity"]);
        Assert.Equal(1, counters.DeclineReasons[NgoStatsCounters.UnknownDeclineReason]);
        Assert.Equal(1, counters.ToAccept[DurationHistogram.BucketOf(TimeSpan.FromMinutes(5))]);
        Assert.Equal(1, counters.ToAccept.Sum());
        Assert.Equal(1, counters.ToResolve[DurationHistogram.BucketOf(TimeSpan.FromDays(2))]);
    }

    [Fact]
    public void TheRow_KeepsItsColumns_AndReadsBack()
    {
        var stats = NgoStatsEntity.Empty("ngo-1");
        stats.Counters.CountAccepted(TimeSpan.FromMinutes(5));
        stats.Counters.CountDeclined("no-capacity");
        stats.Counters.CountRating(3);

        var row = stats.ToTableEntity();
        var bucket = $"ToAccept{DurationHistogram.BucketOf(TimeSpan.FromMinutes(5)):D2}";

        Assert.Equal(("ngo-1", NgoStatsEntity.Row), (row.PartitionKey, row.RowKey));
        Assert.Equal(
            new[] { "Accepted", "Declined", "Declined_no_capacity", "RatingCount", "RatingSum", bucket }.Order(StringComparer.Ordinal),
            row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp")).Order(StringComparer.Ordinal));
        Assert.Equal(1, row["Declined_no_capacity"]);

        var stored = NgoStatsEntity.From(new TableEntity(row));
        var read = stored.Counters;
        Assert.Equal((1, 1, 1, 3), (read.Accepted, read.Declined, read.RatingCount, read.RatingSum));
        Assert.Equal(1, read.DeclineReasons["no-capacity"]);
        Assert.Equal(1, read.ToAccept.Sum());
        Assert.Equal(row.Keys.Order(StringComparer.Ordinal), stored.ToTableEntity().Keys.Order(StringComparer.Ordinal));
    }
}
