using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;
using OpenTelemetry.Trace;

namespace NgoFunctions.Tests.Telemetry;

/// <summary>Secrets never reach telemetry or logs: a whole Telegram conversation, an NGO acting with
/// its key, the ministry and the admin with theirs, and a chat that blocked the bot, with every span
/// kept and every log entry captured down to Trace level. The bot token is part of every Bot API URL,
/// so outgoing HTTP spans and the HTTP client's logs are where it would leak.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SecretsInTelemetryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly List<Activity> _spans = [];
    private readonly Lock _spansGate = new();
    private readonly CapturingLoggerProvider _logs = new();
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        var spans = new SpanSink(_spans, _spansGate);
        _system = await TestSystem.StartAsync(azurite, services: s =>
        {
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            s.AddLogging(logging => logging.AddProvider(_logs).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
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

        // A failing Bot API call (403: the citizen blocked the bot) is logged and traced as an error.
        var blocked = new TelegramChat(_system, 905002, "en");
        _system.Bot.BlockedChats[blocked.ChatId] = true;
        await blocked.SayAsync("/start");
        await _system.Bot.WaitForAsync(c => c.ChatId == blocked.ChatId, NgoDriver.Within);

        // The Bot API calls are traced, with the token's place in the path masked.
        await Eventually.HoldsAsync(
            () => BotApiSpans().Any(s => (s.GetTagItem("http.response.status_code") as int?) == 403), NgoDriver.Within, "the refused Bot API call traced");

        string[] secrets =
        [
            TestSystem.BotToken, TestSystem.BotToken.Split(':')[1], TestSystem.WebhookSecret,
            TestSystem.AdminKey, TestSystem.MinistryKey, ngoKey,
        ];
        var spanTexts = Spans().SelectMany(SpanTexts).ToList();
        var logTexts = _logs.Entries.SelectMany(e => e.Texts()).ToList();
        Assert.NotEmpty(spanTexts);
        Assert.Contains(_logs.Entries, e => e.Level <= LogLevel.Debug);
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
        Assert.Contains(botApiSpans, s => s.GetTagItem("url.full") as string == $"{_system.Bot.BaseUrl}/bot***/sendMessage");
        Assert.Contains(botApiSpans, s => (s.GetTagItem("http.response.status_code") as int?) == 403);
    }

    private List<Activity> BotApiSpans() =>
        Spans().Where(s => s.Kind == ActivityKind.Client && s.GetTagItem("server.port") is int port && _system.Bot.BaseUrl.EndsWith($":{port}", StringComparison.Ordinal)).ToList();

    private List<Activity> Spans()
    {
        lock (_spansGate)
        {
            return [.. _spans];
        }
    }

    // Everything a span carries to an exporter: names, tags, events with their tags, links, baggage, status.
    private static IEnumerable<string> SpanTexts(Activity span) =>
    [
        span.DisplayName, span.OperationName, span.StatusDescription ?? string.Empty,
        .. span.TagObjects.Select(t => $"{t.Key}={t.Value}"),
        .. span.Events.SelectMany(e => (IEnumerable<string>)[e.Name, .. e.Tags.Select(t => $"{t.Key}={t.Value}")]),
        .. span.Links.SelectMany(l => l.Tags?.Select(t => $"{t.Key}={t.Value}") ?? []),
        .. span.Baggage.Select(b => $"{b.Key}={b.Value}"),
    ];

    // The exporter adds from its own thread while the test reads.
    private sealed class SpanSink(List<Activity> spans, Lock gate) : ICollection<Activity>
    {
        public int Count => throw new NotSupportedException();

        public bool IsReadOnly => false;

        public void Add(Activity item)
        {
            lock (gate)
            {
                spans.Add(item);
            }
        }

        public void Clear() => throw new NotSupportedException();

        public bool Contains(Activity item) => throw new NotSupportedException();

        public void CopyTo(Activity[] array, int arrayIndex) => throw new NotSupportedException();

        public bool Remove(Activity item) => throw new NotSupportedException();

        public IEnumerator<Activity> GetEnumerator() => throw new NotSupportedException();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
