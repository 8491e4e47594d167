using NgoFunctions.Core.Ministry.Aggregates;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The duration buckets and the percentile estimate read from them.</summary>
[Trait("Category", "Unit")]
public sealed class DurationHistogramTests
{
    [Theory]
    [InlineData(-5, 0)]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1.5, 1)]
    [InlineData(60, 10)]
    [InlineData(61, 11)]
    [InlineData(2_592_000, 40)]
    [InlineData(2_592_001, 41)]
    public void BucketOf_PutsABoundInItsOwnBucketAndAboveTheLastInTheOpenOne(double seconds, int bucket) =>
        Assert.Equal(bucket, DurationHistogram.BucketOf(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Summarize_InterpolatesInsideTheBucketOfTheRank()
    {
        var counts = new long[DurationHistogram.BucketCount];
        counts[DurationHistogram.BucketOf(TimeSpan.FromSeconds(100))] = 10; // (90, 120]
        counts[DurationHistogram.BucketOf(TimeSpan.FromHours(5))] = 10;     // (14400, 21600]

        var summary = DurationHistogram.Summarize(counts);

        Assert.Equal(20, summary.Count);
        Assert.Equal(120, summary.MedianSeconds);                  // rank 10 of 20: the top of the first bucket
        Assert.Equal(14_400 + (7_200 * 8 / 10.0), summary.P90Seconds); // rank 18: 8 of the 10 in (14400, 21600]
    }

    [Fact]
    public void Summarize_NothingCounted_HasNoPercentiles() =>
        Assert.Equal(new DurationSummary(0, null, null), DurationHistogram.Summarize(new long[DurationHistogram.BucketCount]));

    [Fact]
    public void Summarize_AllInTheOpenBucket_ReportsTheLastBoundAsALowerLimit()
    {
        var counts = new long[DurationHistogram.BucketCount];
        counts[^1] = 3;
        Assert.Equal(2_592_000, DurationHistogram.Summarize(counts).P90Seconds);
    }

    [Fact]
    public void Summarize_MatchesTheExactMedianWithinItsBucket()
    {
        var random = new Random(7);
        var seconds = Enumerable.Range(0, 1_001).Select(_ => random.NextDouble() * 86_400).Order().ToArray();
        var counts = new long[DurationHistogram.BucketCount];
        foreach (var s in seconds)
        {
            counts[DurationHistogram.BucketOf(TimeSpan.FromSeconds(s))]++;
        }

        var exact = seconds[500];
        var bucket = DurationHistogram.BucketOf(TimeSpan.FromSeconds(exact));
        var lower = bucket == 0 ? 0 : DurationHistogram.UpperBoundsSeconds[bucket - 1];
        Assert.InRange(DurationHistogram.Summarize(counts).MedianSeconds!.Value, lower, DurationHistogram.UpperBoundsSeconds[bucket]);
    }
}
