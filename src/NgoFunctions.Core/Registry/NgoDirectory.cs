using Microsoft.Extensions.Options;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Registry;

/// <summary>The router's view of the registry: every NGO, read with one partition query and kept
/// in memory, with its <see cref="CoverageIndex"/>, for <see cref="RoutingOptions.DirectoryCacheSeconds"/>, so routing does not read the
/// registry per request. A registry change in this process drops the copy at once; other instances
/// see it when their copy expires.</summary>
public sealed class NgoDirectory(StorageTables tables, IOptions<RoutingOptions> options, TimeProvider clock)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>Every registered NGO (active or not).</summary>
    public async Task<IReadOnlyList<Ngo>> GetAllAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(cancellationToken)).Ngos;

    /// <summary>The coverage index of the same copy: built once per refresh, not per request.</summary>
    public async Task<CoverageIndex> GetIndexAsync(CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(readSince: null, cancellationToken)).Index;

    /// <summary>As <see cref="GetIndexAsync(CancellationToken)"/>, from a copy read at or after
    /// <paramref name="readSince"/> (UTC): a copy read before a registry change another instance made is
    /// read again (one partition query), whatever its age.</summary>
    public async Task<CoverageIndex> GetIndexAsync(DateTimeOffset? readSince, CancellationToken cancellationToken) =>
        (await GetSnapshotAsync(readSince, cancellationToken)).Index;

    private Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken) => GetSnapshotAsync(readSince: null, cancellationToken);

    private async Task<Snapshot> GetSnapshotAsync(DateTimeOffset? readSince, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _snapshot);
        if (IsFresh(current, readSince))
        {
            return current!;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            current = Volatile.Read(ref _snapshot);
            if (IsFresh(current, readSince))
            {
                return current!;
            }

            // Read at: before the query, so a change stored while it runs counts as possibly missed.
            var readAt = clock.GetUtcNow();
            var ngos = await NgoRegistry.ReadAllAsync(tables.Ngos, cancellationToken);
            current = new Snapshot(ngos, CoverageIndex.Build(ngos), readAt, clock.GetUtcNow().AddSeconds(options.Value.DirectoryCacheSeconds));
            Volatile.Write(ref _snapshot, current);
            return current;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>Forgets the cached copy; the next read goes to storage.</summary>
    public void Invalidate() => Volatile.Write(ref _snapshot, null);

    private bool IsFresh(Snapshot? snapshot, DateTimeOffset? readSince) =>
        snapshot is not null && clock.GetUtcNow() < snapshot.ExpiresAt && (readSince is null || snapshot.ReadAt >= readSince);

    private sealed record Snapshot(IReadOnlyList<Ngo> Ngos, CoverageIndex Index, DateTimeOffset ReadAt, DateTimeOffset ExpiresAt);
}
