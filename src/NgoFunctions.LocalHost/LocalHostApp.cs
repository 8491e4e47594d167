using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using Microsoft.Azure.WebJobs.Host;
using NgoFunctions.App;
using NgoFunctions.App.Http;
using NgoFunctions.Core;
using NgoFunctions.Core.Telemetry;
using NgoFunctions.LocalHost.Worker;

namespace NgoFunctions.LocalHost;

/// <summary>Builds the local host: the Functions app's HTTP functions on ASP.NET Core and its queue
/// triggers on the WebJobs SDK, with the same services and settings as the Functions app.</summary>
public static class LocalHostApp
{
    /// <summary>Builds the app. <paramref name="configure"/> may add configuration (tests put their
    /// Azurite connection, queue names and fake Bot API address here) before anything reads it;
    /// <paramref name="configureServices"/> may replace services after the application registered its
    /// own (tests put a clock they move here).</summary>
    public static WebApplication Build(
        string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        AddFunctionsSettingsFile(builder.Configuration);
        configure?.Invoke(builder.Configuration);

        // The same container checks in every environment: Development (what ./run.sh runs, so the sample
        // keys are accepted) would otherwise validate every registration at build, and the WebJobs SDK
        // registers services this host never resolves (the blob-based timer monitor, replaced below).
        builder.Host.UseDefaultServiceProvider(provider => provider.ValidateOnBuild = provider.ValidateScopes = false);

        builder.Services.AddSingleton<ITypeLocator, TriggersTypeLocator>();
        builder.Services.AddNgoFunctions(builder.Configuration).AddNgoFunctionsPages().AddNgoFunctionsHttp();
        builder.Services.AddNgoTelemetry(builder.Configuration);
        builder.Services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.SectionName);
        builder.Services.AddOptions<WorkerHostOptions>().BindConfiguration(WorkerHostOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        var mode = builder.Configuration.GetSection(WorkerHostOptions.SectionName).Get<WorkerHostOptions>()?.Mode ?? WorkerMode.Process;
        if (mode == WorkerMode.Process)
        {
            if (builder.Configuration.GetSection(LocalHostOptions.SectionName).Get<LocalHostOptions>()?.Diagnostics == true)
            {
                // Ahead of the worker process, which is started with the proxy's connection string.
                builder.Services.AddSingleton<StorageTransactionProxy>();
                builder.Services.AddHostedService(sp => sp.GetRequiredService<StorageTransactionProxy>());
            }

            builder.Services.AddWorkerProcess();
        }
        else
        {
            builder.Services.AddSingleton<IFunctionDispatcher, InProcessFunctionDispatcher>();
        }

        builder.Services.AddHostedService<NgoSeeder>();
        builder.Services.AddHostedService<DemoRequestSeeder>();

        // Registered after the application's hosted services, so the queue listeners start once the
        // local tables and queues exist. The queue runtime's settings come from the Functions app's
        // own host.json, so both hosts poll, retry and poison messages alike.
        var hostJson = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "host.json")).Build();
        builder.Host.ConfigureWebJobs(webJobs => webJobs
            .AddAzureStorageQueues(queues =>
            {
                hostJson.GetSection("extensions:queues").Bind(queues);
                queues.MessageEncoding = QueueMessageEncoding.Base64;
            })
            .AddTimers());
        // The timer runtime only adds its blob-based monitor when none is registered (see InMemoryScheduleMonitor).
        builder.Services.AddSingleton<ScheduleMonitor, InMemoryScheduleMonitor>();
        builder.Services.AddSingleton<LocalHostExceptionHandler>();
        builder.Services.AddSingleton<Microsoft.Azure.WebJobs.Host.Timers.IWebJobsExceptionHandlerFactory>(sp => sp.GetRequiredService<LocalHostExceptionHandler>());
        configureServices?.Invoke(builder.Services);

        builder.Services.AddMvcCore();
        builder.Services.AddRouting();

        var app = builder.Build();
        app.UseFailureAnswers();
        if (mode == WorkerMode.Process)
        {
            app.UseWorkerReadiness();
            app.UseRouting();
            ((IEndpointRouteBuilder)app).DataSources.Add(app.Services.GetRequiredService<WorkerHttpEndpoints>());
        }
        else
        {
            app.MapHttpFunctions(typeof(AppServiceCollectionExtensions).Assembly);
        }

        app.MapStorageDiagnostics();
        return app;
    }

    // LocalHost's side of FailureAnswers (the worker's is HttpFailureMiddleware): an exception that
    // escapes an HTTP function becomes 503 or 500 problem+json, as in the Functions app. Not
    // LocalHostExceptionHandler: that one serves the queue runtime, whose function failures retry.
    private static void UseFailureAnswers(this WebApplication app)
    {
        var answers = app.Services.GetRequiredService<FailureAnswers>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception exception)
            {
                if (!await answers.TryAnswerAsync(context, exception))
                {
                    throw;
                }
            }
        });
    }

    /// <summary>The setting naming a <c>local.settings.json</c>-shaped file whose <c>Values</c> this host
    /// reads too, so <c>func start</c> and LocalHost run from one settings file.</summary>
    public const string SettingsFileSetting = "LocalHost:SettingsFile";

    private static void AddFunctionsSettingsFile(ConfigurationManager configuration)
    {
        if (configuration[SettingsFileSetting] is not { Length: > 0 } path)
        {
            return;
        }

        using var stream = File.OpenRead(Path.GetFullPath(path));
        using var json = System.Text.Json.JsonDocument.Parse(stream);
        var values = json.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal), p => (string?)p.Value.ToString());

        // Above appsettings.json, below the environment and the command line, as in the Functions host.
        var sources = configuration.Sources;
        var afterJsonFiles = sources.Select((source, index) => (source, index)).LastOrDefault(s => s.source is JsonConfigurationSource).index + 1;
        sources.Insert(afterJsonFiles, new MemoryConfigurationSource { InitialData = values });
    }
}
