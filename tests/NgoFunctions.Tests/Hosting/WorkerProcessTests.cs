using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Storage;
using NgoFunctions.LocalHost.Worker;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Hosting;

/// <summary>The local host running the real isolated worker (<c>NgoFunctions.App</c> as its own process,
/// over the Functions host ↔ worker gRPC protocol): HTTP functions through the worker's ASP.NET Core
/// integration, queue triggers (form and bot), a timer trigger, problem+json from the worker's own
/// pipeline, a killed worker started again, and no worker left behind when the host stops.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WorkerProcessTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FormBotAndApis_RunInTheWorkerProcess()
    {
        await using var system = await StartAsync();
        var worker = WorkerProcessId(system);
        Assert.NotEqual(Environment.ProcessId, worker);
        Assert.Contains("NgoFunctions.App.dll", await File.ReadAllTextAsync($"/proc/{worker}/cmdline"));

        await system.PutNgoAsync("damascus-clinic", ["health"], ["SY01"]);
        var submitted = await system.Http.PostAsJsonAsync("requests", new
        {
            sector = "health",
            governorate = "SY01",
            district = "SY0100",
            description = "أحتاج إلى دواء للسكري لوالدتي المسنة",
            urgency = "urgent",
            consent = true,
            language = "ar",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        // The worker built the link from the Host the caller used, forwarded with the request.
        Assert.Equal(system.Http.BaseAddress!.Authority, submitted.Headers.Location!.Authority);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();
        await new NgoDriver(system, azurite).RoutedToAsync(code, "damascus-clinic");

        // The bot: webhook (HTTP function) → telegram-updates queue → the conversation (queue function),
        // whose answer reaches the Bot API.
        var chat = new TelegramChat(system, 731_000_001, "en");
        await chat.SayAsync("/start");
        Assert.NotNull(await chat.MessageContainingAsync("Choose the language of our chat"));

        Assert.Equal(worker, WorkerProcessId(system));
    }

    [Fact]
    public async Task WorkerRoutes_AreTheFunctionsMetadataRoutes()
    {
        var metadata = (System.Text.Json.Nodes.JsonArray)JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "functions.metadata")))!;
        var declared = metadata
            .SelectMany(f => f!["bindings"]!.AsArray().Where(b => b!["type"]!.ToString() == "httpTrigger"))
            .Select(b => $"{string.Join(",", b!["methods"]!.AsArray().Select(m => m!.ToString().ToUpperInvariant()).Order())} api/{b["route"]}")
            .Order(StringComparer.Ordinal)
            .ToList();

        await using var system = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await system.Http.GetAsync("health")).StatusCode);
        var served = system.App.Services.GetRequiredService<WorkerHttpEndpoints>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Order())} {e.RoutePattern.RawText}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.NotEmpty(declared);
        Assert.Equal(declared, served);
    }

    [Fact]
    public async Task BadInputAndMissingKeys_AreAnsweredByTheWorkersPipeline_AsProblemJson()
    {
        await using var system = await StartAsync();

        using var badJson = new StringContent("{bad", System.Text.Encoding.UTF8, "application/json");
        var refused = await system.Http.PostAsync("requests", badJson);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.Contains("تعذّرت قراءة الطلب", await refused.Content.ReadAsStringAsync());

        using var anonymous = new HttpClient { BaseAddress = system.Http.BaseAddress };
        var unauthorised = await anonymous.GetAsync("ministry/stats");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Equal("application/problem+json", unauthorised.Content.Headers.ContentType!.MediaType);

        // A route no function declares is not found, as in the Functions host.
        Assert.Equal(HttpStatusCode.NotFound, (await system.Http.GetAsync("no-such-function")).StatusCode);
    }

    [Fact]
    public async Task KilledWorker_IsStartedAgain_AndRequestsAreServedAndRouted()
    {
        await using var system = await StartAsync();
        await system.PutNgoAsync("homs-clinic", ["health"], ["SY04"]);
        var first = WorkerProcessId(system);

        using (var killed = Process.GetProcessById(first))
        {
            killed.Kill();
            await killed.WaitForExitAsync();
        }

        // A client retries after Retry-After while the worker restarts; then it is served as before.
        HttpResponseMessage? submitted = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                submitted = await system.Http.PostAsJsonAsync("requests", new
                {
                    sector = "health", governorate = "SY04", description = "نحتاج إلى طبيب أطفال", consent = true, language = "ar",
                });
                return submitted.StatusCode == HttpStatusCode.Accepted;
            },
            Within,
            "a request accepted by the restarted worker");
        var code = (await submitted!.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();
        await new NgoDriver(system, azurite).RoutedToAsync(code, "homs-clinic");
        Assert.NotEqual(first, WorkerProcessId(system));
    }

    [Fact]
    public async Task TimerTrigger_RunsInTheWorker_RoutesARequestWhoseMessageWasLost()
    {
        await using var system = await StartAsync(new Dictionary<string, string?>
        {
            ["Routing:ResubmitSchedule"] = "*/1 * * * * *",
            ["Routing:ResubmitAfterSeconds"] = "10",
        });
        await system.PutNgoAsync("homs-clinic", ["health"], ["SY04"]);

        // Stored, its routing message sent where no trigger listens: only the stale-request timer, in
        // the worker, can queue it again.
        var lost = new QueueClient(azurite.ConnectionString, "lost-" + Guid.NewGuid().ToString("N")[..16]);
        await lost.CreateAsync();
        var queues = system.App.Services.GetRequiredService<IOptions<QueueOptions>>().Value;
        var intake = ActivatorUtilities.CreateInstance<ServiceRequestIntake>(
            system.App.Services,
            Options.Create(new QueueOptions { RequestsSubmitted = lost.Name, Notifications = queues.Notifications, TelegramUpdates = queues.TelegramUpdates }));
        var code = TrackingCode.New();
        IntakeOutcomes.Accepted(await intake.SubmitAsync(new SubmitServiceRequest
        {
            Sector = "health", Governorate = "SY04", Description = "أحتاج إلى دواء", Consent = true, Language = "ar", Channel = RequestChannel.Form,
        }, code, CancellationToken.None));

        var status = await system.Http.GetFromJsonAsync<JsonObject>($"requests/{code.Value}");
        Assert.Equal("Submitted", status!["status"]!.ToString());
        await Eventually.HoldsAsync(
            async () => (await system.Http.GetFromJsonAsync<JsonObject>($"requests/{code.Value}"))!["status"]!.ToString() == "Routed",
            Within,
            "the lost request routed by the timer in the worker");
        await lost.DeleteAsync();
    }

    [Fact]
    public async Task StoppingTheHost_StopsTheWorker()
    {
        var system = await StartAsync();
        using var worker = Process.GetProcessById(WorkerProcessId(system));
        await system.DisposeAsync();
        Assert.True(worker.WaitForExit(TimeSpan.FromSeconds(15)), "the worker process exited with its host");
    }

    private Task<TestSystem> StartAsync(IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>())
        {
            [$"{WorkerHostOptions.SectionName}:Mode"] = nameof(WorkerMode.Process),
        };
        return TestSystem.StartAsync(azurite, settings);
    }

    private static int WorkerProcessId(TestSystem system) =>
        system.App.Services.GetRequiredService<WorkerProcess>().ProcessId ?? throw new InvalidOperationException("No worker process runs.");
}
