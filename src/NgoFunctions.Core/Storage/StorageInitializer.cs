using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NgoFunctions.Core.Storage;

/// <summary>Creates the tables and queues (with their poison twins) at start-up when
/// <see cref="StorageOptions.CreateIfMissing"/> is set: local runs against Azurite. In Azure the
/// deployment creates them, and no request path ever does.</summary>
public sealed class StorageInitializer(
    TableServiceClient tables,
    QueueServiceClient queues,
    IOptions<StorageOptions> storage,
    IOptions<QueueOptions> queueNames,
    ILogger<StorageInitializer> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!storage.Value.CreateIfMissing)
        {
            return;
        }

        await Task.WhenAll(
            storage.Value.Tables.Select(t => tables.CreateTableIfNotExistsAsync(t, cancellationToken))
                .Concat<Task>(queueNames.Value.All.Select(q => queues.GetQueueClient(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken))));
        logger.LogInformation("Storage ready: tables {Tables}, queues {Queues}", storage.Value.Tables, queueNames.Value.All);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
