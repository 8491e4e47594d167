using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Intake;

/// <summary>The per-address limit (<see cref="IntakeLimitOptions.PerAddress"/> submissions in any
/// <see cref="IntakeLimitOptions.WindowSeconds"/>), counted exactly across instances in one
/// <see cref="AddressWindowEntity"/> row per address: a submission is counted by one write, an insert
/// for an address not seen (most citizens) or a replace if-match the ETag of the row as this process last
/// wrote or read it; a lost race reads the row again. Submissions from one address in one process take
/// turns (a gate per address), so they do not race each other into retries.</summary>
public sealed partial class AddressWindow(
    StorageTables tables, IOptions<IntakeLimitOptions> options, TimeProvider clock, ILogger<AddressWindow> logger) : IDisposable
{
    private const int Attempts = 8;
    private const int Gates = 64;

    private readonly MemoryCache _rows = new(new MemoryCacheOptions { SizeLimit = 10_000, CompactionPercentage = 0.25 });
    private readonly SemaphoreSlim[] _gates = Enumerable.Range(0, Gates).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Counts a submission from the address <paramref name="pseudonym"/>
    /// (<see cref="IntakePseudonyms.OfAddress"/>). Returns <c>null</c> when it was counted, or, when the
    /// address has reached its limit (nothing counted then), how long until the oldest submission that
    /// matters leaves the window (at least a second). Throws <see cref="TimeoutException"/> when every
    /// try lost a race, and <see cref="RequestFailedException"/> when storage fails.</summary>
    public async Task<TimeSpan?> TryCountAsync(string pseudonym, CancellationToken cancellationToken)
    {
        var partition = Keys.AddressWindowPartition(pseudonym);
        var gate = _gates[(int)((uint)StringComparer.Ordinal.GetHashCode(partition) % Gates)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var known = _rows.Get<AddressWindowEntity>(partition);
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                var now = clock.GetUtcNow();
                try
                {
                    if (known is null)
                    {
                        // Most addresses are new: insert at once rather than read first.
                        var added = new AddressWindowEntity { PartitionKey = partition, RowKey = Keys.AddressWindowRow }.With([now]);
                        added.ETag = (await tables.IntakeGuards.AddEntityAsync(added, cancellationToken)).Headers.ETag ?? default;
                        Remember(added);
                        return null;
                    }

                    // A row this process knows holds a subset of the submissions still in the window (they
                    // are only ever added to), so "at the limit" read from it is true without a read.
                    var window = options.Value.Window;
                    var recent = known.Submissions().Where(t => t > now - window).Order().ToList();
                    if (recent.Count >= options.Value.PerAddress)
                    {
                        var wait = recent[recent.Count - options.Value.PerAddress] + window - now;
                        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait;
                    }

                    var next = new AddressWindowEntity { PartitionKey = partition, RowKey = Keys.AddressWindowRow }.With([.. recent, now]);
                    next.ETag = (await tables.IntakeGuards.UpdateEntityAsync(next, known.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? default;
                    Remember(next);
                    return null;
                }
                catch (RequestFailedException ex) when (ex.Status is 409 or 412)
                {
                    // Another instance counted a submission of this address since: read what it wrote.
                    known = await ReadAsync(partition, cancellationToken);
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // The retention sweep deleted the row (every submission in it had left the window).
                    known = null;
                }
            }

            _rows.Remove(partition);
            LogContended(attempt: Attempts);
            throw new TimeoutException("The address's submission count lost every race.");
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Deletes the rows of addresses that submitted nothing since <paramref name="before"/> (nothing
    /// in them counts any more when <paramref name="before"/> is a window ago or earlier): one query over
    /// the address rows, one delete each, if-match the ETag read (a row written since stays). Returns how
    /// many were deleted. For the retention sweep; never on a request's path.</summary>
    public async Task<int> DeleteIdleAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Keys.AddressWindowsStart} and PartitionKey lt {Keys.AddressWindowsEnd}");
        var deleted = 0;
        await foreach (var row in tables.IntakeGuards.QueryAsync<AddressWindowEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.Submissions().Any(t => t > before))
            {
                continue;
            }

            try
            {
                await tables.IntakeGuards.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                _rows.Remove(row.PartitionKey);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
            }
        }

        return deleted;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _rows.Dispose();
        foreach (var gate in _gates)
        {
            gate.Dispose();
        }
    }

    private async Task<AddressWindowEntity?> ReadAsync(string partition, CancellationToken cancellationToken)
    {
        var found = await tables.IntakeGuards.GetEntityIfExistsAsync<AddressWindowEntity>(partition, Keys.AddressWindowRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    // Kept as long as anything in it can still count; after that an insert finds the row, if it is still
    // there, and reads it.
    private void Remember(AddressWindowEntity row) =>
        _rows.Set(row.PartitionKey, row, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = options.Value.Window });

    [LoggerMessage(Level = LogLevel.Warning, Message = "An address's submission count lost {Attempt} races in a row; answered as unavailable")]
    private partial void LogContended(int attempt);
}
