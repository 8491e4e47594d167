using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace NgoFunctions.Core.Storage;

/// <summary>How many storage transactions (HTTP requests to Table or Queue Storage, retries
/// included; a batch transaction counts once, as Azure bills it) this process's application clients
/// sent since it started. Counted by <see cref="StorageTransactionCountingPolicy"/>; also published as
/// the observable counters <c>ngo.storage.transactions</c> (tag <c>service</c> = <c>table</c> |
/// <c>queue</c>) of the meter <see cref="MeterName"/>. The queue-trigger runtime's own polling and
/// message deletes use its own clients and are not counted here.</summary>
public sealed class StorageTransactionCounter : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "NgoFunctions.Storage";

    private readonly Meter _meter = new(MeterName);
    private readonly ConcurrentDictionary<string, long> _operations = new(StringComparer.Ordinal);
    private long _table;
    private long _queue;

    /// <summary>Publishes the counters.</summary>
    public StorageTransactionCounter()
    {
        _meter.CreateObservableCounter(
            "ngo.storage.transactions",
            () => new[]
            {
                new Measurement<long>(Table, new KeyValuePair<string, object?>("service", "table")),
                new Measurement<long>(Queue, new KeyValuePair<string, object?>("service", "queue")),
            },
            unit: "{transaction}",
            description: "HTTP requests sent to Table and Queue Storage by the application's clients.");
    }

    /// <summary>Table Storage requests so far.</summary>
    public long Table => Interlocked.Read(ref _table);

    /// <summary>Queue Storage requests so far.</summary>
    public long Queue => Interlocked.Read(ref _queue);

    /// <summary>Counts one Table Storage request.</summary>
    public void CountTable() => Interlocked.Increment(ref _table);

    /// <summary>Counts one Queue Storage request.</summary>
    public void CountQueue() => Interlocked.Increment(ref _queue);

    /// <summary>Counts one request of <paramref name="service"/> as <paramref name="operation"/> too
    /// (e.g. <c>GET NgoCases point</c>, <c>POST $batch</c>, <c>POST notifications</c>): the split of
    /// the totals by method and table or queue, for measurements. Operations are few (a handful of
    /// methods over the application's tables and queues), so the split stays small.</summary>
    public void Count(StorageService service, string operation)
    {
        if (service == StorageService.Table)
        {
            CountTable();
        }
        else
        {
            CountQueue();
        }

        _operations.AddOrUpdate($"{(service == StorageService.Table ? "table" : "queue")} {operation}", 1, (_, n) => n + 1);
    }

    /// <summary>The requests so far by service and operation (see <see cref="Count"/>).</summary>
    public IReadOnlyDictionary<string, long> Operations() =>
        new SortedDictionary<string, long>(_operations.ToDictionary(), StringComparer.Ordinal);

    /// <summary>The requests so far of one operation (<c>table GET NgoCases point</c>, ...); 0 when none.</summary>
    public long Operation(string key) => _operations.TryGetValue(key, out var n) ? n : 0;

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
