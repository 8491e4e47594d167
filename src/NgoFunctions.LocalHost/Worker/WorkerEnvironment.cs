using Microsoft.Extensions.Options;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>The environment the worker process starts with: this host's settings, as app settings reach
/// the worker in Azure (environment variables, <c>:</c> written <c>__</c>), without the settings that
/// belong to the local host itself (its URLs, its Kestrel, its own section, its logging), plus the
/// variables the Functions host sets for its worker (the app folder, the runtime, the environment). With the
/// <see cref="StorageTransactionProxy"/> running, the worker reaches storage through it; with
/// <see cref="WorkerHostOptions.LogLevel"/> set, it logs from that level.</summary>
internal sealed class WorkerEnvironment(
    IConfiguration configuration, IHostEnvironment host, IOptions<WorkerHostOptions> options, StorageTransactionProxy? proxy = null)
{
    private static readonly string[] HostOnlySections =
        ["LocalHost", "Urls", "Kestrel", "Logging", "AllowedHosts", "contentRoot", "applicationName", "environment"];

    /// <summary>The variables for a worker in <paramref name="appDirectory"/>.</summary>
    public IEnumerable<KeyValuePair<string, string>> For(string appDirectory)
    {
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is null || HostOnlySections.Any(section => key.Equals(section, StringComparison.OrdinalIgnoreCase)
                                                               || key.StartsWith(section + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var proxied = proxy is not null && key.Equals(StorageClientFactory.Setting, StringComparison.OrdinalIgnoreCase);
            yield return new(key.Replace(ConfigurationPath.KeyDelimiter, "__", StringComparison.Ordinal), proxied ? proxy!.ConnectionString : value);
        }

        if (options.Value.LogLevel is { } level)
        {
            yield return new("Logging__LogLevel__Default", level.ToString());
        }

        yield return new("FUNCTIONS_WORKER_RUNTIME", "dotnet-isolated");
        yield return new("FUNCTIONS_APPLICATION_DIRECTORY", appDirectory);
        yield return new("FUNCTIONS_WORKER_DIRECTORY", appDirectory);
        yield return new("AZURE_FUNCTIONS_ENVIRONMENT", host.EnvironmentName);
        yield return new("DOTNET_ENVIRONMENT", host.EnvironmentName);
    }
}
