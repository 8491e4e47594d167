using System.Net.Http.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Ministry.Exports;
using NgoFunctions.Core.Security;
using NgoFunctions.LocalHost;
using NgoFunctions.LocalHost.Worker;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>The whole system for one test: LocalHost (HTTP on a free port, queue and timer triggers on the
/// WebJobs SDK) running the <c>NgoFunctions.App</c> worker process, as <c>./run.sh</c> does (the function
/// classes in the test's own process only when the test replaces an application service), against the
/// shared Azurite with tables and queues of its own, and a fake Bot API server.</summary>
public sealed class TestSystem : IAsyncDisposable
{
    /// <summary>The admin key the test system accepts.</summary>
    public const string AdminKey = "test-admin-key";

    /// <summary>The ministry's (read-only monitoring) key the test system accepts.</summary>
    public const string MinistryKey = "test-ministry-key";

    /// <summary>The webhook secret token configured.</summary>
    public const string WebhookSecret = "test-webhook-secret-0123456789";

    /// <summary>The bot token configured (fake, in the Bot API's format).</summary>
    public const string BotToken = "123456789:TEST-token-for-the-fake-bot-api";

    /// <summary>The export pseudonym key configured (<c>Ministry:Exports:PseudonymKey</c>): without one,
    /// <c>requests.csv</c> answers 503 outside Development.</summary>
    public const string ExportPseudonymKey = "test-export-pseudonym-key-0123456789abcdef";

    private TestSystem(WebApplication app, FakeBotApi bot, TestNames names, string connectionString)
    {
        App = app;
        Bot = bot;
        Names = names;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Http = new HttpClient { BaseAddress = new Uri(address + "/api/") };
        var tables = new TableServiceClient(connectionString);
        Requests = tables.GetTableClient(names.RequestsTable);
        NgoCases = tables.GetTableClient(names.NgoCasesTable);
        PoisonMessages = tables.GetTableClient(names.PoisonMessagesTable);
        RequestIndex = tables.GetTableClient(names.RequestIndexTable);
        Conversations = tables.GetTableClient(names.ConversationsTable);
        IntakeGuards = tables.GetTableClient(names.IntakeGuardsTable);
        var queues = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        RequestsSubmitted = queues.GetQueueClient(names.RequestsSubmittedQueue);
    }

    /// <summary>The running local host.</summary>
    public WebApplication App { get; }

    /// <summary>The fake Bot API server.</summary>
    public FakeBotApi Bot { get; }

    /// <summary>This test's table and queue names.</summary>
    public TestNames Names { get; }

    /// <summary>Client for <c>/api/</c>.</summary>
    public HttpClient Http { get; }

    /// <summary>The requests table.</summary>
    public TableClient Requests { get; }

    /// <summary>The NGO cases table.</summary>
    public TableClient NgoCases { get; }

    /// <summary>The poison messages table.</summary>
    public TableClient PoisonMessages { get; }

    /// <summary>The ministry's request index table.</summary>
    public TableClient RequestIndex { get; }

    /// <summary>The bot's conversations table.</summary>
    public TableClient Conversations { get; }

    /// <summary>Intake's phone lookups and client address windows.</summary>
    public TableClient IntakeGuards { get; }

    /// <summary>The requests-submitted queue.</summary>
    public QueueClient RequestsSubmitted { get; }

    /// <summary>Starts a system. <paramref name="overrides"/> change settings (a <c>null</c> value removes one);
    /// <paramref name="services"/> replaces services (e.g. the <see cref="TimeProvider"/>), which runs the
    /// function classes in this process; <paramref name="sharing"/> makes it a second instance of that system:
    /// the same tables and queues, caches and Bot API of its own; <paramref name="logging"/> adds to the local
    /// host's logging (e.g. a <see cref="CapturingLoggerProvider"/>) and, unlike <paramref name="services"/>,
    /// keeps the real worker process, whose console lines and logs reach this logging;
    /// <paramref name="environment"/> names the host environment (both processes; the default is
    /// Production, e.g. <c>Development</c> where a test needs what only a local run allows).</summary>
    public static async Task<TestSystem> StartAsync(
        AzuriteFixture azurite,
        IDictionary<string, string?>? overrides = null,
        Action<IServiceCollection>? services = null,
        TestNames? sharing = null,
        Action<ILoggingBuilder>? logging = null,
        string? environment = null)
    {
        var bot = await FakeBotApi.StartAsync();
        var names = sharing ?? new TestNames();
        var settings = names.Settings(azurite.ConnectionString);
        settings["urls"] = "http://127.0.0.1:0";
        settings["Telegram:BotToken"] = BotToken;
        settings["Telegram:ApiBaseUrl"] = bot.BaseUrl;
        settings["Telegram:WebhookSecret"] = WebhookSecret;
        settings["Security:AdminApiKeySha256"] = ApiKeyVerifier.Hash(AdminKey);
        settings["Security:MinistryApiKeySha256"] = ApiKeyVerifier.Hash(MinistryKey);
        settings["Ministry:Exports:PseudonymKey"] = ExportPseudonymKey;
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning";
        // Polly logs each in-process retry of a Bot API call, with a stack trace: noise in fault tests.
        settings["Logging:LogLevel:Polly"] = "Critical";
        // Every test client comes from 127.0.0.1: the per-address limit (5 in 10 minutes by default) would
        // refuse most tests' requests. Still counted, so its storage cost is in every test; the tests of the
        // limit itself set it back.
        settings["IntakeLimits:PerAddress"] = "1000000";
        // The real worker process, as ./run.sh runs it; the function classes in this process only when the
        // test replaces a service of the application (a clock it moves), which a separate process would
        // not see.
        settings[$"{WorkerHostOptions.SectionName}:Mode"] = services is null ? nameof(WorkerMode.Process) : nameof(WorkerMode.InProcess);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        // A logging provider replaces no service of the application: it only sees what the local host
        // logs (the worker's console lines and log messages included), so the worker mode stays as set.
        string[] args = environment is null ? [] : [$"--environment={environment}"];
        var app = LocalHostApp.Build(args, config => config.AddInMemoryCollection(settings), s =>
        {
            services?.Invoke(s);
            if (logging is not null)
            {
                s.AddLogging(logging);
            }
        });
        await app.StartAsync();
        var system = new TestSystem(app, bot, names, azurite.ConnectionString);
        system.Http.DefaultRequestHeaders.Add("X-Api-Key", AdminKey);
        return system;
    }

    /// <summary>The <c>request_ref</c> <c>requests.csv</c> gives the request <paramref name="trackingCode"/>
    /// under <see cref="ExportPseudonymKey"/>.</summary>
    public static string ExportRef(string trackingCode) => new ExportPseudonyms(
        Options.Create(new MinistryExportOptions { PseudonymKey = ExportPseudonymKey }),
        new HostingEnvironment { EnvironmentName = Environments.Production }).RefOf(trackingCode);

    /// <summary>Registers an NGO through the registry API; fails the test unless it is stored.</summary>
    public async Task PutNgoAsync(string id, string[] sectors, string[] coverage, int capacity = 10, bool active = true)
    {
        var response = await Http.PutAsJsonAsync($"registry/ngos/{id}", new
        {
            name = new { ar = "منظمة " + id, en = "NGO " + id },
            sectors,
            coverage,
            capacity,
            active,
        });
        Assert.True(response.IsSuccessStatusCode, $"PUT {id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Polls the status API until the request reaches <paramref name="status"/>; fails after <paramref name="timeout"/>.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> WaitForStatusAsync(string trackingCode, string status, TimeSpan timeout) => (await Eventually.ReadsAsync(
        () => Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"requests/{trackingCode}"),
        last => last?["status"]?.ToString() == status,
        timeout,
        $"{trackingCode} {status}",
        last => last?.ToJsonString() ?? "nothing"))!;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Bot.DisposeAsync();
    }
}
