using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Caching;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>The router's in-process, optimistic copy of NGO load counters (NgoCases, RK <c>load</c>),
/// so a routing decision reads from storage only the counters it does not hold or holds for longer
/// than <see cref="RoutingOptions.LoadCacheSeconds"/>, instead of one point read per candidate.
/// Optimistic: a copy may be stale (another instance, an NGO's answer or a release changed the
/// counter), which is safe because a reservation replaces the counter only if-match the ETag it was
/// read with (<see cref="NgoCaseStore.TryReserveAsync"/>); a lost race reads the counter again. The
/// router also reads again every counter it did not read itself before it calls a request
/// Unroutable. It also lets the routings of this process take turns at one NGO
/// (<see cref="EnterAsync"/>), so they do not race each other. Bounded to <see cref="MaxEntries"/> NGOs
/// (least recently used copies go first). A DI singleton, disposed with the container; no static state.</summary>
public sealed class NgoLoadCache : IDisposable
{
    /// <summary>At most this many NGOs' counters are kept (the cache's size limit, one unit per NGO).
    /// Past it the cache drops, in the background, expired copies and then the least recently used until
    /// three quarters remain; until it has made room a new copy is not kept (and the NGO's older copy is
    /// dropped), which costs only a point read the next time.</summary>
    public const int MaxEntries = 10_000;

    private readonly IOptions<RoutingOptions> _options;
    private readonly MemoryCache _entries;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Creates an empty cache; how long a copy is trusted comes from
    /// <see cref="RoutingOptions.LoadCacheSeconds"/> (configuration <c>Routing:LoadCacheSeconds</c>),
    /// measured with <paramref name="clock"/>.</summary>
    public NgoLoadCache(IOptions<RoutingOptions> options, TimeProvider clock)
    {
        _options = options;
        // The cache's own clock is the injected one: its expiry is the copy's freshness (tests move a fake clock).
        _entries = new MemoryCache(new MemoryCacheOptions
        {
            SizeLimit = MaxEntries,
            CompactionPercentage = 0.25,
            Clock = new TimeProviderCacheClock(clock),
        });
    }

    /// <summary>A copy of the NGO's counter as last read or written here, if it is younger than
    /// <see cref="RoutingOptions.LoadCacheSeconds"/> seconds; a new entity each time (callers may change
    /// it). On a miss (never held, expired, dropped or removed) returns <c>false</c> and no entity.</summary>
    public bool TryGet(string ngoId, out NgoLoadEntity load)
    {
        if (_entries.TryGetValue(ngoId, out Entry? entry) && entry is not null)
        {
            load = entry.ToEntity(ngoId);
            return true;
        }

        load = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="load"/> (as read, or as written with the ETag storage returned)
    /// as the NGO's counter from now, for <see cref="RoutingOptions.LoadCacheSeconds"/> seconds; keeps
    /// nothing when that is 0. Only the figures and the ETag are kept: later changes to
    /// <paramref name="load"/> do not reach the cache.</summary>
    public void Set(NgoLoadEntity load)
    {
        var seconds = _options.Value.LoadCacheSeconds;
        if (seconds <= 0)
        {
            return;
        }

        var entry = new Entry(load.OpenCases, load.Accepted, load.NotAccepted, load.ETag);
        _entries.Set(load.PartitionKey, entry, new MemoryCacheEntryOptions
        {
            Size = 1,
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds),
        });
    }

    /// <summary>Waits until no other routing of this process is reserving a place at the NGO, then
    /// holds the NGO until the returned handle is disposed (disposing it again does nothing):
    /// reservations of one process at one NGO take turns, each after the counter the previous one left
    /// here, instead of racing each other to a 412. (Other instances still race; the ETag decides.)
    /// Throws <see cref="OperationCanceledException"/> if <paramref name="cancellationToken"/> is
    /// cancelled while waiting; the NGO is then not held.</summary>
    public async Task<IDisposable> EnterAsync(string ngoId, CancellationToken cancellationToken)
    {
        if (_gates.Count >= MaxEntries && !_gates.ContainsKey(ngoId))
        {
            // Bounded: forgetting the gates only lets this process's reservations race again for a while.
            // Not in the MemoryCache: a gate someone holds or waits on must not be dropped by a compaction.
            _gates.Clear();
        }

        var gate = _gates.GetOrAdd(ngoId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    /// <summary>Forgets the NGO's counter (it changed in a way this copy cannot follow); the next
    /// <see cref="TryGet"/> misses.</summary>
    public void Remove(string ngoId) => _entries.Remove(ngoId);

    /// <inheritdoc />
    public void Dispose() => _entries.Dispose();

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }

    private sealed record Entry(int OpenCases, int Accepted, int NotAccepted, ETag ETag)
    {
        public NgoLoadEntity ToEntity(string ngoId) => new()
        {
            PartitionKey = ngoId,
            RowKey = Keys.NgoLoadRow,
            OpenCases = OpenCases,
            Accepted = Accepted,
            NotAccepted = NotAccepted,
            ETag = ETag,
        };
    }
}
