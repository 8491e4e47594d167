using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>One request's journey is one trace: intake (HTTP, or the bot), routing and notification
/// (queue triggers) share the trace id carried in the queue messages. Only a request with a Telegram
/// chat is notified. Every function runs in the real worker process; the spans are the ones it exported
/// (<see cref="WorkerSpans"/>).</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TraceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly WorkerSpans _spans = new();
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite, WorkerSpans.Settings(), logging: _spans.AddTo);
        await _system.PutNgoAsync("hama-food", ["food"], ["SY05"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Submit_IntakeAndRouting_OneTrace_NoNotificationForAWebRequest()
    {
        var response = await _system.Http.PostAsJsonAsync("requests", new { sector = "food", governorate = "SY05", description = "نحتاج إلى سلة غذائية لأسرة من خمسة", consent = true });
        var code = (await response.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();
        await _system.WaitForStatusAsync(code, "Routed", TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => Spans().Any(s => s.DisplayName == "RouteRequest"), TimeSpan.FromSeconds(10), "the routing span exported");

        // One routing span per delivery of the message: more than one when the router looked again at a
        // request not stored yet, each in the same trace.
        var routings = Spans().Where(s => s.DisplayName == "RouteRequest").ToList();
        // Both processes have a server span for this request: the local host's, which received it (its
        // spans are not among these), and the worker's, for the request the host forwarded to it in the
        // same trace. The worker's is asserted: its ASP.NET Core integration ran the intake function,
        // which queued the routing message in this trace.
        var intake = Assert.Single(Spans(), s => s.Kind == ActivityKind.Server && s.Tag("url.path") == "/api/requests");
        var requestId = (await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code.Replace("-", string.Empty), Keys.RequestRow)).Value.RequestId.ToString();
        Assert.All(routings, r => Assert.Equal((intake.TraceId, ActivityKind.Consumer, requestId), (r.TraceId, r.Kind, r.Tag("request.id"))));

        // A web-form request has no channel to notify (it is followed on the status page): once its routing
        // delivery is complete (its message deleted), no notification is queued, and none was handled.
        await _system.RequestsSubmitted.UntilEmptyAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, (await new QueueClient(azurite.ConnectionString, _system.Names.NotificationsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.DoesNotContain(Spans(), s => s.DisplayName == "SendNotification");
    }

    [Fact]
    public async Task TelegramRequest_RoutingAndNotification_InTheTraceOfTheSubmission()
    {
        // The bot submits through the intake service inside the trace of the Telegram update it handles.
        // The citizen talks to the real bot in the worker (the webhook answers each update itself,
        // Telegram:InlineBudgetMilliseconds); the update that confirms the request is posted in a trace the test chooses,
        // sampled as the webhook's request would be, so its journey can be told from the conversation's
        // other updates (each a trace of its own).
        await _system.PutNgoAsync("aleppo-food", ["food"], ["SY02"]);
        var chat = new TelegramChat(_system, 778_001, "en");
        var summary = await chat.DraftFoodInAleppoAsync();
        var submission = ActivityTraceId.CreateRandom().ToHexString();
        await PostInTraceAsync(chat.NewPress(summary.Buttons["✅ Confirm"]), submission);
        var confirmed = await chat.MessageContainingAsync("Tracking code: ");
        var code = confirmed.Text!.Split("Tracking code: ")[1].Split('\n')[0];
        await Eventually.HoldsAsync(() => Spans().Any(s => s.DisplayName == "SendNotification"), TimeSpan.FromSeconds(10), "the notification span exported");

        // Every delivery of the routing and notification messages (a notification that waits for an earlier
        // one of its request is queued again, a router may look again at a request not stored yet) is in the
        // trace of the update that confirmed the request, and names that request.
        var requestId = (await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code.Replace("-", string.Empty), Keys.RequestRow)).Value.RequestId.ToString();
        var deliveries = Spans().Where(s => s.DisplayName is "RouteRequest" or "SendNotification").ToList();
        Assert.Contains(deliveries, s => s.DisplayName == "RouteRequest");
        Assert.Contains(deliveries, s => s.DisplayName == "SendNotification");
        Assert.All(deliveries, s => Assert.Equal((submission, requestId), (s.TraceId, s.Tag("request.id"))));
        // The update was answered in the webhook's own call: no queued handling in its trace.
        Assert.Single(Spans(), s => s.Kind == ActivityKind.Server && s.Tag("url.path") == "/api/telegram/webhook" && s.TraceId == submission);
        Assert.DoesNotContain(Spans(), s => s.DisplayName == "HandleTelegramUpdate" && s.TraceId == submission);
    }

    private IReadOnlyList<ExportedSpan> Spans() => _spans.Snapshot();

    // Posts the update to the webhook as Telegram would, with a W3C traceparent of the given trace. A
    // client of its own that propagates nothing: the test process's listeners (every local host running
    // in it traces HTTP clients) would otherwise put a trace context of their own on the request.
    private async Task PostInTraceAsync(Update update, string traceId)
    {
        using var client = new HttpClient(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = _system.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "telegram/webhook")
        {
            Content = new StringContent(JsonSerializer.Serialize(update, JsonBotAPI.Options), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", TestSystem.WebhookSecret);
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
    }
}
