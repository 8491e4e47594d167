using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace NgoFunctions.Load;

/// <summary>The storage's own rate for the cheapest useful unit of work, one table insert plus one
/// enqueue, at the load's concurrency, in a scratch table and queue that are deleted afterwards.</summary>
public static class AzuriteRawRate
{
    /// <summary>Pairs per second and the median and 95th-percentile latency of one pair (ms).</summary>
    public sealed record Result(double PairsPerSecond, double MedianPairMs, double P95PairMs, int Pairs);

    /// <summary>Runs <paramref name="pairs"/> insert+enqueue pairs, <paramref name="concurrency"/> at a time.</summary>
    public static async Task<Result> MeasureAsync(string connection, int pairs, int concurrency, CancellationToken cancellationToken)
    {
        var name = "loadprobe" + Guid.NewGuid().ToString("N")[..12];
        var table = new TableClient(connection, name);
        var queue = new QueueClient(connection, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await table.CreateIfNotExistsAsync(cancellationToken);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        try
        {
            var latencies = new double[pairs];
            var started = Stopwatch.GetTimestamp();
            await Parallel.ForAsync(0, pairs, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var t = Stopwatch.GetTimestamp();
                await table.AddEntityAsync(new TableEntity(Guid.NewGuid().ToString("N"), "request") { ["Status"] = "Submitted", ["Number"] = i }, ct);
                await queue.SendMessageAsync($"{{\"number\":{i}}}", ct);
                latencies[i] = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            });
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            return new Result(pairs / seconds, Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 95), pairs);
        }
        finally
        {
            await table.DeleteAsync(CancellationToken.None);
            await queue.DeleteIfExistsAsync(CancellationToken.None);
        }
    }
}
