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

    /// <summary>What the application's storage clients put first in their <c>User-Agent</c> (the SDK's
    /// <c>Diagnostics.ApplicationId</c>), so that storage logs and anything between the app and storage tell
    /// its own requests apart from the Functions runtime's queue polling, which share the account.</summary>
    public const string ApplicationId = "NgoFunctions";

    /// <summary>A table service client. Throws <see cref="InvalidOperationException"/> when the setting is missing.</summary>
    /// <param name="configuration">Holds the setting.</param>
    /// <param name="counter">When given, every request the client sends is counted in it.</param>
    public static TableServiceClient Tables(IConfiguration configuration, StorageTransactionCounter? counter = null)
    {
        var options = new TableClientOptions();
        options.Diagnostics.ApplicationId = ApplicationId;
        Bound(options.Retry);
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
        options.Diagnostics.ApplicationId = ApplicationId;
        Bound(options.Retry);
        if (counter is not null)
        {
            options.AddPolicy(new StorageTransactionCountingPolicy(counter, StorageService.Queue), HttpPipelinePosition.PerRetry);
        }

        return configuration[Setting] is { Length: > 0 } connectionString
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(ServiceUri(configuration, "queue"), Credential(configuration), options);
    }

    /// <summary>Longest wait for one try's answer (connect, send, read).</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Tries after the first one.</summary>
    public const int MaxRetries = 2;

    // The SDK's defaults (100 s per try, 3 retries) leave a caller waiting for minutes when storage
    // accepts connections but never answers (a paused or overloaded account, a paused Azurite): an
    // HTTP client gives up long before and retries, piling up requests. Bounded here, one storage
    // call gives up after at most 3 tries x 2 s + 0.2 s + 0.4 s of back-off, about 6.6 s, so an HTTP
    // function answers 503 (the app's FailureAnswers) within 10 s. A healthy Azurite or
    // account answers in milliseconds, so 2 s per try only cuts off a stalled try, which is retried.
    // Queue triggers share these clients on purpose: a trigger that gives up leaves its message on
    // the queue, which delivers it again after the visibility timeout, so waiting longer in the
    // trigger would only hold an instance while the message stays invisible anyway; the queue
    // runtime's own polling has its own clients and back-off.
    private static void Bound(RetryOptions retry)
    {
        retry.Mode = RetryMode.Exponential;
        retry.MaxRetries = MaxRetries;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(1);
        retry.NetworkTimeout = NetworkTimeout;
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
