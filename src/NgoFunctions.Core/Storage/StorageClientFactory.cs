using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace NgoFunctions.Core.Storage;

/// <summary>Builds the storage clients from the same <c>AzureWebJobsStorage</c> setting the queue
/// triggers use, in either of the Functions host's two forms: a connection string (Azurite locally),
/// or identity-based settings in Azure — <c>AzureWebJobsStorage__tableServiceUri</c> /
/// <c>__queueServiceUri</c> (or <c>__accountName</c>), with <c>__credential</c> = <c>managedidentity</c>
/// and <c>__clientId</c> for a user-assigned identity, else <see cref="DefaultAzureCredential"/>.</summary>
public static class StorageClientFactory
{
    /// <summary>The setting (and configuration section) that holds the storage connection.</summary>
    public const string Setting = "AzureWebJobsStorage";

    /// <summary>A table service client. Throws <see cref="InvalidOperationException"/> when the setting is missing.</summary>
    /// <param name="configuration">Holds the setting.</param>
    /// <param name="counter">When given, every request the client sends is counted in it.</param>
    public static TableServiceClient Tables(IConfiguration configuration, StorageTransactionCounter? counter = null)
    {
        var options = new TableClientOptions();
        if (counter is not null)
        {
            options.AddPolicy(new StorageTransactionCountingPolicy(counter, StorageService.Table), HttpPipelinePosition.PerRetry);
        }

        return configuration[Setting] is { Length: > 0 } connectionString
            ? new TableServiceClient(connectionString, options)
            : new TableServiceClient(ServiceUri(configuration, "table"), Credential(configuration), options);
    }

    /// <summary>A queue service client that writes messages base64-encoded, as queue triggers expect.
    /// Throws <see cref="InvalidOperationException"/> when the setting is missing.</summary>
    /// <param name="configuration">Holds the setting.</param>
    /// <param name="counter">When given, every request the client sends is counted in it.</param>
    public static QueueServiceClient Queues(IConfiguration configuration, StorageTransactionCounter? counter = null)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        if (counter is not null)
        {
            options.AddPolicy(new StorageTransactionCountingPolicy(counter, StorageService.Queue), HttpPipelinePosition.PerRetry);
        }

        return configuration[Setting] is { Length: > 0 } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(ServiceUri(configuration, "queue"), Credential(configuration), options);
    }

    private static Uri ServiceUri(IConfiguration configuration, string service)
    {
        var section = configuration.GetSection(Setting);
        if (section[$"{service}ServiceUri"] is { Length: > 0 } uri)
        {
            return new Uri(uri);
        }

        if (section["accountName"] is { Length: > 0 } account)
        {
            return new Uri($"https://{account}.{service}.core.windows.net");
        }

        throw new InvalidOperationException(
            $"Storage is not configured: set {Setting} (a connection string) or {Setting}__{service}ServiceUri / {Setting}__accountName.");
    }

    private static TokenCredential Credential(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        if (string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return section["clientId"] is { Length: > 0 } clientId
                ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
                : new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned);
        }

        return new DefaultAzureCredential();
    }
}
