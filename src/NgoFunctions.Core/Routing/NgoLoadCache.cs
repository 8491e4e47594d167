using System.Collections.Concurrent;
using Azure;
using Microsoft.Extensions.Options;
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
/// (<see cref="EnterAsync"/>), so they do not race each other. Bounded to <see cref="MaxEntries"/> NGOs.
/// A DI singleton; no static state.</summary>
public sealed class NgoLoadCache(IOptions<RoutingOptions> options, TimeProvider clock)
{
    /// <summary>At most this many NGOs' counters are kept; past it expired copies are dropped, then all.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>How many counters are held now (fresh or not).</summary>
    public int Count => _entries.Count;

    /// <summary>A copy of the NGO's counter as last read or written here, if it is younger than
    /// <see cref="RoutingOptions.LoadCacheSeconds"/>; a new entity each time (callers may change it).</summary>
    public bool TryGet(string ngoId, out NgoLoadEntity load)
    {
        if (_entries.TryGetValue(ngoId, out var entry) && IsFresh(entry))
        {
            load = entry.ToEntity(ngoId);
            return true;
        }

        load = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="load"/> (as read, or as written with the ETag storage returned)
    /// as the NGO's counter from now.</summary>
    public void Set(NgoLoadEntity load)
    {
        if (options.Value.LoadCacheSeconds <= 0)
        {
            return;
        }

        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(load.PartitionKey))
        {
            Trim();
        }

        _entries[load.PartitionKey] = new Entry(load.OpenCases, load.Accepted, load.NotAccepted, load.ETag, clock.GetTimestamp());
    }

    /// <summary>Waits until no other routing of this process is reserving a place at the NGO, then
    /// holds the NGO until the returned handle is disposed: reservations of one process at one NGO take
    /// turns, each after the counter the previous one left here, instead of racing each other to a 412.
    /// (Other instances still race; the ETag decides.)</summary>
    public async Task<IDisposable> EnterAsync(string ngoId, CancellationToken cancellationToken)
    {
        if (_gates.Count >= MaxEntries && !_gates.ContainsKey(ngoId))
        {
            // Bounded: forgetting the gates only lets this process's reservations race again for a while.
            _gates.Clear();
        }

        var gate = _gates.GetOrAdd(ngoId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Turn(gate);
    }

    /// <summary>Forgets the NGO's counter (it changed in a way this copy cannot follow).</summary>
    public void Remove(string ngoId) => _entries.TryRemove(ngoId, out _);

    private bool IsFresh(Entry entry) =>
        clock.GetElapsedTime(entry.ReadAt) < TimeSpan.FromSeconds(options.Value.LoadCacheSeconds);

    private void Trim()
    {
        foreach (var (id, entry) in _entries)
        {
            if (!IsFresh(entry))
            {
                _entries.TryRemove(id, out _);
            }
        }

        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }
    }

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

    private sealed record Entry(int OpenCases, int Accepted, int NotAccepted, ETag ETag, long ReadAt)
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
