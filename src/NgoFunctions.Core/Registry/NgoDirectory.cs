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
        (await GetSnapshotAsync(cancellationToken)).Index;

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _snapshot);
        if (current is not null && clock.GetUtcNow() < current.ExpiresAt)
        {
            return current;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            current = Volatile.Read(ref _snapshot);
            if (current is not null && clock.GetUtcNow() < current.ExpiresAt)
            {
                return current;
            }

            var ngos = await NgoRegistry.ReadAllAsync(tables.Ngos, cancellationToken);
            current = new Snapshot(ngos, CoverageIndex.Build(ngos), clock.GetUtcNow().AddSeconds(options.Value.DirectoryCacheSeconds));
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

    private sealed record Snapshot(IReadOnlyList<Ngo> Ngos, CoverageIndex Index, DateTimeOffset ExpiresAt);
}
