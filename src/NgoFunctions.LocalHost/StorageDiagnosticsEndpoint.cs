using Microsoft.Extensions.Options;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.LocalHost;

/// <summary>A LocalHost-only route for measurements: <c>GET /api/diagnostics/storage-transactions</c>
/// answers <c>{"table":n,"queue":n,"total":n,"operations":{"table GET NgoCases point":n,...}}</c>, the storage requests this process's application
/// clients sent since start (see <see cref="StorageTransactionCounter"/>). Mapped only when
/// <see cref="LocalHostOptions.Diagnostics"/> is on and the functions run in this process
/// (<see cref="Worker.WorkerMode.InProcess"/>): the worker process's storage calls are its own, and a
/// count of this host's alone would mislead; it shows counts, never data.</summary>
public static class StorageDiagnosticsEndpoint
{
    /// <summary>The route.</summary>
    public const string Route = "/api/diagnostics/storage-transactions";

    /// <summary>Maps the route when diagnostics are on.</summary>
    public static WebApplication MapStorageDiagnostics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value.Diagnostics
            && app.Services.GetRequiredService<IOptions<Worker.WorkerHostOptions>>().Value.Mode == Worker.WorkerMode.InProcess)
        {
            app.MapGet(Route, (StorageTransactionCounter counter) =>
                Results.Json(new { table = counter.Table, queue = counter.Queue, total = counter.Table + counter.Queue, operations = counter.Operations() }));
        }

        return app;
    }
}
