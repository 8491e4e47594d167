using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;

namespace NgoFunctions.Load;

/// <summary>One load run: the storage's raw rate, then N submissions at concurrency C, then waiting
/// until routing decided every request (Routed, Waitlisted or Unroutable), then the checks and the figures.</summary>
public static class LoadRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs it and writes the report; returns 1 when a request was refused, lost or duplicated, else 0.</summary>
    public static async Task<int> RunAsync(LoadOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var system = new SystemClient(http, options.AdminKey, options.ClientHeader);
        var table = new RequestTable(new TableClient(options.StorageConnection, options.RequestsTable));

        var targets = await system.TargetsAsync(cancellationToken);
        output.WriteLine($"{options.Requests} requests at concurrency {options.Concurrency} to {options.BaseUrl} ({targets.Count} sector/place targets from the registry)");

        var raw = await AzuriteRawRate.MeasureAsync(options.StorageConnection, Math.Min(options.Requests, 500), options.Concurrency, cancellationToken);
        var transactionsBefore = await system.StorageTransactionsAsync(cancellationToken);

        // Submit.
        var submitted = new SystemClient.Submitted[options.Requests];
        var random = new Random(7);
        var picks = Enumerable.Range(0, options.Requests).Select(_ => targets[random.Next(targets.Count)]).ToArray();
        var submitStarted = Stopwatch.GetTimestamp();
        await Parallel.ForAsync(0, options.Requests, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => submitted[i] = await system.SubmitAsync(picks[i], i, ct));
        var submitSeconds = Stopwatch.GetElapsedTime(submitStarted).TotalSeconds;

        var accepted = submitted.Where(s => s.TrackingCode is not null).Select(s => s.TrackingCode!).ToList();
        var refused = options.Requests - accepted.Count;
        var duplicateCodes = accepted.Count - accepted.Distinct(StringComparer.Ordinal).Count();

        // Wait until each accepted request is decided, reading its row directly.
        var pending = new ConcurrentDictionary<string, bool>(accepted.Distinct(StringComparer.Ordinal).Select(c => KeyValuePair.Create(c, true)));
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        while (!pending.IsEmpty && Stopwatch.GetTimestamp() < deadline)
        {
            await Parallel.ForEachAsync(pending.Keys.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (code, ct) =>
            {
                if (await table.FindAsync(code, ct) is { Status: var status } && RequestTable.IsDecided(status))
                {
                    pending.TryRemove(code, out _);
                }
            });
            if (!pending.IsEmpty)
            {
                await Task.Delay(PollInterval, cancellationToken);
            }
        }

        // Let notifications and other follow-up work finish before reading the counter again.
        var transactionsAfter = await SettledTransactionsAsync(system, cancellationToken);

        var outcomes = new ConcurrentBag<RequestTable.Outcome>();
        await Parallel.ForEachAsync(accepted.Distinct(StringComparer.Ordinal).Where(c => !pending.ContainsKey(c)),
            new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (code, ct) =>
            {
                if (await table.OutcomeAsync(code, ct) is { } outcome)
                {
                    outcomes.Add(outcome);
                }
            });

        var decided = outcomes.Where(o => o.DecidedAt is not null).ToList();
        var lost = accepted.Distinct(StringComparer.Ordinal).Count() - decided.Count;
        var duplicated = duplicateCodes + outcomes.Count(o => o.Assignments > 1 || o.RoutedEvents > 1);
        var toDecision = decided.Select(o => (o.DecidedAt!.Value - o.SubmittedAt).TotalMilliseconds).ToList();
        var span = decided.Count > 0 ? (decided.Max(o => o.DecidedAt!.Value) - decided.Min(o => o.SubmittedAt)).TotalSeconds : double.NaN;
        var sustained = decided.Count / span;
        var intake = submitted.Select(s => s.LatencyMs).ToList();

        output.WriteLine($"intake latency (ms)        p50 {Percentiles.Of(intake, 50):F1}  p95 {Percentiles.Of(intake, 95):F1}  p99 {Percentiles.Of(intake, 99):F1}");
        output.WriteLine($"intake rate (req/s)        {options.Requests / submitSeconds:F1}");
        // With C requests always in flight, mean latency is C / rate (Little's law): intake cannot be
        // faster than the rate the system sustains while it also routes; the raw pair is the floor.
        output.WriteLine($"intake vs storage          p95 {Percentiles.Of(intake, 95) / raw.P95PairMs:F1} x Azurite's raw pair p95; mean {intake.Average():F1} ms"
            + $" against {options.Concurrency} in flight / {options.Requests / submitSeconds:F1} req/s = {1000 * options.Concurrency / (options.Requests / submitSeconds):F1} ms (Little's law)");
        output.WriteLine($"submit -> routed (ms)      p50 {Percentiles.Of(toDecision, 50):F1}  p95 {Percentiles.Of(toDecision, 95):F1}  (server timestamps: SubmittedAt -> Routed/Unroutable event)");
        output.WriteLine($"routed                     {decided.Count(o => o.Status == "Routed")} Routed, {decided.Count(o => o.Status == "Waitlisted")} Waitlisted, {decided.Count(o => o.Status == "Unroutable")} Unroutable");
        output.WriteLine($"sustained (req/s)          {sustained:F1}  (routed requests / first submit -> last decision, {span:F1} s)");
        output.WriteLine($"storage raw (pairs/s)      {raw.PairsPerSecond:F1}  (1 insert + 1 enqueue, {raw.Pairs} pairs at concurrency {options.Concurrency}; pair p50 {raw.MedianPairMs:F1} ms, p95 {raw.P95PairMs:F1} ms)");
        output.WriteLine($"end-to-end / raw           {sustained / raw.PairsPerSecond:P0}  ({sustained / (raw.PairsPerSecond / 4):P0} of raw / 4)");
        output.WriteLine(transactionsBefore is { } before && transactionsAfter is { } after && decided.Count > 0
            ? $"storage transactions       {(after.Total - before.Total) / (double)decided.Count:F1} per routed request ({after.Total - before.Total} in all; application clients only, see docs/performance.md)"
            : "storage transactions       n/a (counted only with LocalHost__Diagnostics=true)");
        if (transactionsBefore is { } first && transactionsAfter is { } last && decided.Count > 0 && last.Operations.Count > 0)
        {
            // The split by operation: method and table or queue (a $batch is a transaction on one table).
            foreach (var (operation, count) in last.Operations.OrderByDescending(o => o.Value))
            {
                var delta = count - first.Operations.GetValueOrDefault(operation);
                if (delta > 0)
                {
                    output.WriteLine($"  {operation,-40} {delta / (double)decided.Count,5:F2} per routed request ({delta})");
                }
            }
        }

        output.WriteLine($"refused {refused}  lost {lost}  duplicated {duplicated}");
        return refused == 0 && lost == 0 && duplicated == 0 ? 0 : 1;
    }

    // The counter keeps moving while notifications drain: wait until it holds still for two seconds (at most 30 s).
    private static async Task<SystemClient.Transactions?> SettledTransactionsAsync(SystemClient system, CancellationToken cancellationToken)
    {
        var last = await system.StorageTransactionsAsync(cancellationToken);
        for (var i = 0; i < 15 && last is not null; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            var now = await system.StorageTransactionsAsync(cancellationToken);
            if (now?.Total == last.Total)
            {
                break;
            }

            last = now;
        }

        return last;
    }
}
