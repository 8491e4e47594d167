using Microsoft.Extensions.Options;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.LocalHost;

/// <summary>A LocalHost-only route for measurements: <c>GET /api/diagnostics/storage-transactions</c>
/// answers <c>{"table":n,"queue":n,"total":n,"operations":{"table GET NgoCases point":n,...}}</c>, the storage
/// requests the application's clients sent since start: the worker process's, counted on the wire by the
/// <see cref="StorageTransactionProxy"/>, or, with the functions in this process
/// (<see cref="Worker.WorkerMode.InProcess"/>), this process's (<see cref="StorageTransactionCounter"/>).
/// Mapped only when <see cref="LocalHostOptions.Diagnostics"/> is on; it shows counts, never data.</summary>
public static class StorageDiagnosticsEndpoint
{
    /// <summary>The route.</summary>
    public const string Route = "/api/diagnostics/storage-transactions";

    /// <summary>Maps the route when diagnostics are on.</summary>
    public static WebApplication MapStorageDiagnostics(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<LocalHostOptions>>().Value.Diagnostics)
        {
            var counter = app.Services.GetService<StorageTransactionProxy>()?.Counter ?? app.Services.GetRequiredService<StorageTransactionCounter>();
            app.MapGet(Route, () =>
                Results.Json(new { table = counter.Table, queue = counter.Queue, total = counter.Table + counter.Queue, operations = counter.Operations() }));
        }

        return app;
    }
}
