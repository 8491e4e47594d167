using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;
using NgoFunctions.LocalHost.Worker;

namespace NgoFunctions.Tests.Telemetry;

/// <summary>Secrets never reach telemetry or logs: a whole Telegram conversation, an NGO acting with
/// its key, the ministry and the admin with theirs, and a chat that blocked the bot, through the worker
/// process that ships, with every span it exports (its console exporter's every line, <see cref="WorkerSpans"/>)
/// and every log entry of the worker and the local host captured down to Trace level (the worker logs
/// from Trace: <c>LocalHost:Worker:LogLevel</c>). The bot token is part of every Bot API URL, so outgoing
/// HTTP spans and the HTTP client's logs are where it would leak.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SecretsInTelemetryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkerSpans _spans = new();
    private readonly CapturingLoggerProvider _logs = new();
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        var settings = WorkerSpans.Settings();
        settings[$"{WorkerHostOptions.SectionName}:{nameof(WorkerHostOptions.LogLevel)}"] = nameof(LogLevel.Trace);
        _system = await TestSystem.StartAsync(azurite, settings, logging: logging =>
        {
            _spans.AddTo(logging);
            logging.AddProvider(_logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace);
        });
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task ConversationKeysAndWebhook_NoSecretInAnySpanOrLog()
    {
        var driver = new NgoDriver(_system, azurite);
        var ngo = await driver.NgoAsync("aleppo-food", ["food"], ["SY02"]);
        var ngoKey = ngo.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        var chat = new TelegramChat(_system, 905001, "en");

        var code = await chat.RequestFoodInAleppoWithCodeAsync();
        await _system.WaitForStatusAsync(code, "Routed", NgoDriver.Within);
        Assert.Equal(HttpStatusCode.OK, (await ngo.GetAsync("ngo/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ngo.PostAsync($"ngo/requests/{code}/accept", null)).StatusCode);
        await _system.Bot.WaitForAsync(c => c.ChatId == chat.ChatId && c.Text?.Contains("was accepted by") == true, NgoDriver.Within);
        using var ministry = driver.Client(TestSystem.MinistryKey);
        Assert.Equal(HttpStatusCode.OK, (await ministry.GetAsync("ministry/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ministry.GetAsync("ministry/exports/requests.csv")).StatusCode);

        // A failing Bot API call (403: the citizen blocked the bot) is logged and traced as an error.
        var blocked = new TelegramChat(_system, 905002, "en");
        _system.Bot.BlockedChats[blocked.ChatId] = true;
        await blocked.SayAsync("/start");
        await _system.Bot.WaitForAsync(c => c.ChatId == blocked.ChatId, NgoDriver.Within);

        // The Bot API calls are traced, with the token's place in the path masked.
        await Eventually.HoldsAsync(
            () => BotApiSpans().Any(s => s.Tag("http.response.status_code") == "403"), NgoDriver.Within, "the refused Bot API call traced");

        string[] secrets =
        [
            TestSystem.BotToken, TestSystem.BotToken.Split(':')[1], TestSystem.WebhookSecret,
            TestSystem.AdminKey, TestSystem.MinistryKey, ngoKey, TestSystem.ExportPseudonymKey,
        ];
        // Every line the worker's exporter printed: names, tags, events, links, status, resource.
        var spanTexts = _logs.Entries.Where(e => e.Category == WorkerProcess.ConsoleCategory).Select(e => e.Message).ToList();
        var logTexts = _logs.Entries.SelectMany(e => e.Texts()).ToList();
        Assert.NotEmpty(spanTexts);
        // The worker's own debug output reached the capture (the Functions worker's categories are its alone).
        Assert.Contains(_logs.Entries, e => e.Level <= LogLevel.Debug && e.Category.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal));
        var leaks = secrets.SelectMany(secret =>
            spanTexts.Where(t => t.Contains(secret, StringComparison.Ordinal)).Select(t => "span: " + t)
                .Concat(logTexts.Where(t => t.Contains(secret, StringComparison.Ordinal)).Select(t => "log: " + t)))
            .Distinct().ToList();
        Assert.Empty(leaks);

        // A citizen's chat is named in the app's logs by its keyed pseudonym, never by its Telegram id. (The
        // Azure SDK's request logs, captured here at every level, carry table keys in their URLs: both
        // hosts log that category at Warning or above only, which holds no URL.)
        var appLogTexts = _logs.Entries.Where(e => !e.Category.StartsWith("Azure.", StringComparison.Ordinal)).SelectMany(e => e.Texts()).ToList();
        Assert.DoesNotContain(appLogTexts, t => t.Contains(chat.ChatId.ToString(), StringComparison.Ordinal) || t.Contains(blocked.ChatId.ToString(), StringComparison.Ordinal));
        var pseudonym = _system.App.Services.GetRequiredService<ChatPseudonyms>().Of(blocked.ChatId);
        Assert.Matches("^[0-9a-f]{32}$", pseudonym);
        Assert.Contains(logTexts, t => t.Contains($"Chat {pseudonym} blocked the bot", StringComparison.Ordinal));

        var botApiSpans = BotApiSpans();
        Assert.Contains(botApiSpans, s => s.Tag("url.full") == $"{_system.Bot.BaseUrl}/bot***/sendMessage");
        Assert.Contains(botApiSpans, s => s.Tag("http.response.status_code") == "403");
    }

    // The worker's outgoing calls to the fake Bot API.
    private List<ExportedSpan> BotApiSpans() =>
        _spans.Snapshot().Where(s => s.Kind == ActivityKind.Client && s.Tag("server.port") is { } port && _system.Bot.BaseUrl.EndsWith($":{port}", StringComparison.Ordinal)).ToList();
}
