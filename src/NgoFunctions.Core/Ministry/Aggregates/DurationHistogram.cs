namespace NgoFunctions.Core.Ministry.Aggregates;

/// <summary>Fixed, roughly geometric buckets of elapsed time (one second to 30 days, then one open
/// bucket), so durations can be summed as counters on every transition and their median and 90th
/// percentile estimated later without keeping each duration. Estimates interpolate linearly inside
/// the bucket that holds the rank, as Prometheus' <c>histogram_quantile</c> does; the error is at most
/// that bucket's width (neighbouring bounds differ by a factor of 1.5 or less above 10 s).</summary>
public static class DurationHistogram
{
    /// <summary>Upper bound (inclusive) of each bucket in seconds; a duration above the last bound
    /// falls in one more, open bucket (<see cref="BucketCount"/> − 1).</summary>
    public static IReadOnlyList<double> UpperBoundsSeconds { get; } =
    [
        1, 2, 3, 5, 7, 10, 15, 20, 30, 45,
        60, 90, 120, 180, 300, 450, 600, 900, 1_200, 1_800, 2_700,
        3_600, 5_400, 7_200, 10_800, 14_400, 21_600, 28_800, 43_200, 64_800,
        86_400, 129_600, 172_800, 259_200, 345_600, 432_000, 604_800, 864_000, 1_209_600, 1_814_400, 2_592_000,
    ];

    /// <summary>Number of buckets, the open one included.</summary>
    public static int BucketCount => UpperBoundsSeconds.Count + 1;

    /// <summary>The bucket of <paramref name="elapsed"/> (negative spans, from clock skew, count as zero).</summary>
    public static int BucketOf(TimeSpan elapsed)
    {
        var seconds = Math.Max(0, elapsed.TotalSeconds);
        var bounds = UpperBoundsSeconds;
        for (var i = 0; i < bounds.Count; i++)
        {
            if (seconds <= bounds[i])
            {
                return i;
            }
        }

        return bounds.Count;
    }

    /// <summary>Count, median and 90th percentile (seconds) of the durations counted in
    /// <paramref name="counts"/> (one count per bucket, <see cref="BucketCount"/> long; shorter lists are
    /// read as zeros beyond their end). Percentiles are <c>null</c> when nothing was counted; a rank in
    /// the open bucket reports the last bound (a lower limit).</summary>
    public static DurationSummary Summarize(IReadOnlyList<long> counts)
    {
        long total = 0;
        foreach (var c in counts)
        {
            total += c;
        }

        return total == 0
            ? new DurationSummary(0, null, null)
            : new DurationSummary(total, Quantile(counts, total, 0.5), Quantile(counts, total, 0.9));
    }

    private static double Quantile(IReadOnlyList<long> counts, long total, double q)
    {
        var rank = q * total;
        long below = 0;
        var bounds = UpperBoundsSeconds;
        for (var i = 0; i < counts.Count; i++)
        {
            if (counts[i] == 0 || below + counts[i] < rank)
            {
                below += counts[i];
                continue;
            }

            if (i >= bounds.Count)
            {
                return bounds[^1];
            }

            var lower = i == 0 ? 0 : bounds[i - 1];
            var estimate = lower + ((bounds[i] - lower) * (rank - below) / counts[i]);
            return Math.Round(estimate, 1);
        }

        return bounds[^1];
    }
}

/// <summary>How long something took over a set of requests.</summary>
/// <param name="Count">Durations counted.</param>
/// <param name="MedianSeconds">Estimated median in seconds, or <c>null</c> when <paramref name="Count"/> is 0.</param>
/// <param name="P90Seconds">Estimated 90th percentile in seconds, or <c>null</c> when <paramref name="Count"/> is 0.</param>
public sealed record DurationSummary(long Count, double? MedianSeconds, double? P90Seconds);
