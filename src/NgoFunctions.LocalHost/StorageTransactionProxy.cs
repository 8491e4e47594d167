using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NgoFunctions.Core.Storage;
using Yarp.ReverseProxy.Forwarder;

namespace NgoFunctions.LocalHost;

/// <summary>With <see cref="LocalHostOptions.Diagnostics"/> on and the worker in its own process, a reverse
/// proxy in front of the storage account's Table and Queue endpoints that counts, on the wire, the requests
/// the application's storage clients send: those whose <c>User-Agent</c> starts with
/// <see cref="StorageClientFactory.ApplicationId"/>, named as <see cref="StorageTransactionCountingPolicy.Operation"/>
/// names them. The worker is given <see cref="ConnectionString"/> instead of the account's; this host's own
/// clients go straight to storage, and the queue runtime's polling and deletes carry another
/// <c>User-Agent</c> and pass uncounted, as <see cref="StorageTransactionCounter"/> counts in one process.
/// Requests and answers pass unchanged (Shared Key signs the path, not the host). Needs a connection string
/// with explicit <c>TableEndpoint</c> and <c>QueueEndpoint</c>, as <c>./run.sh</c> and the tests set;
/// otherwise start-up fails with <see cref="InvalidOperationException"/>. Listens on two free loopback
/// ports, one per service.</summary>
public sealed class StorageTransactionProxy : IHostedService, IAsyncDisposable
{
    private readonly Dictionary<StorageService, Uri> _targets;
    private readonly Dictionary<string, string> _settings;
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
    });

    private WebApplication? _app;

    /// <summary>Reads the account's endpoints from <c>AzureWebJobsStorage</c>.</summary>
    public StorageTransactionProxy(IConfiguration configuration)
    {
        // Parsed by hand: DbConnectionStringBuilder would quote the account key (it ends in "="), which the
        // storage clients do not read back.
        _settings = (configuration[StorageClientFactory.Setting] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!_settings.TryGetValue("TableEndpoint", out var table) || !_settings.TryGetValue("QueueEndpoint", out var queue))
        {
            throw new InvalidOperationException(
                $"LocalHost:Diagnostics counts the worker's storage requests through a proxy and needs {StorageClientFactory.Setting} " +
                "as a connection string with explicit TableEndpoint and QueueEndpoint (as ./run.sh sets).");
        }

        _targets = new() { [StorageService.Table] = new Uri(table), [StorageService.Queue] = new Uri(queue) };
    }

    /// <summary>The requests counted so far.</summary>
    public StorageTransactionCounter Counter { get; } = new();

    /// <summary>The account's connection string with the Table and Queue endpoints pointing at the proxy;
    /// set once the proxy listens (<see cref="StartAsync"/>).</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Starts listening; registered ahead of the worker process, which is given
    /// <see cref="ConnectionString"/>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var services = new Dictionary<int, StorageService>();
        app.Run(async context =>
        {
            var service = services[context.Connection.LocalPort];
            if (context.Request.Headers.UserAgent.ToString().StartsWith(StorageClientFactory.ApplicationId + " ", StringComparison.Ordinal))
            {
                Counter.Count(service, StorageTransactionCountingPolicy.Operation(service, context.Request.Method, context.Request.Path.Value ?? "/"));
            }

            await forwarder.SendAsync(context, _targets[service].GetLeftPart(UriPartial.Authority), _client);
        });
        await app.StartAsync(cancellationToken);
        _app = app;

        // The ports Kestrel chose, in the order listened: the first for tables, the second for queues.
        var ports = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(address => new Uri(address).Port)
            .ToList();
        services[ports[0]] = StorageService.Table;
        services[ports[1]] = StorageService.Queue;
        var proxied = new Dictionary<string, string>(_settings, StringComparer.OrdinalIgnoreCase)
        {
            ["TableEndpoint"] = Proxied(_targets[StorageService.Table], ports[0]),
            ["QueueEndpoint"] = Proxied(_targets[StorageService.Queue], ports[1]),
        };
        ConnectionString = string.Join(';', proxied.Select(setting => $"{setting.Key}={setting.Value}")) + ";";
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _client.Dispose();
        Counter.Dispose();
    }

    // The endpoint with the proxy's port: the account name stays in the path, as Azurite expects.
    private static string Proxied(Uri endpoint, int port) => new UriBuilder(endpoint) { Port = port }.Uri.ToString().TrimEnd('/');
}
