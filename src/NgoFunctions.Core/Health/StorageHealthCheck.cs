using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NgoFunctions.Core.Health;

/// <summary>Whether Table Storage and Queue Storage answer: one service-properties call to each,
/// within <see cref="Timeout"/>. Nothing is read or written.</summary>
public sealed class StorageHealthCheck(TableServiceClient tables, QueueServiceClient queues) : IHealthCheck
{
    /// <summary>How long the check waits for storage before it reports it unhealthy.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await Task.WhenAll(tables.GetPropertiesAsync(timeout.Token), queues.GetPropertiesAsync(timeout.Token));
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RequestFailedException or OperationCanceledException or AggregateException)
        {
            // The exception text may carry account names and URIs: say only which kind failed.
            return HealthCheckResult.Unhealthy(ex is OperationCanceledException ? "storage did not answer in time" : "storage refused the call");
        }
    }
}
