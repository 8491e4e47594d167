using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using OpenTelemetry.Trace;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>One request's journey is one trace: intake (HTTP, or the bot), routing and notification
/// (queue triggers) share the trace id carried in the queue messages. Only a request with a Telegram
/// chat is notified.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TraceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly SpanList _spans = new();
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite, services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(_spans)));
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

        var routing = Assert.Single(Spans(), s => s.DisplayName == "RouteRequest");
        var intake = Assert.Single(Spans(), s => s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == "/api/requests");
        Assert.Equal(intake.TraceId, routing.TraceId);
        Assert.Equal(ActivityKind.Consumer, routing.Kind);
        Assert.True((await _system.Requests.GetEntityAsync<ServiceRequestEntity>(code.Replace("-", string.Empty), Keys.RequestRow)).Value.RequestId
            .Equals(routing.GetTagItem("request.id")));

        // A web-form request has no channel to notify (it is followed on the status page): once its routing
        // delivery is complete (its message deleted), no notification is queued, and none was handled.
        await _system.RequestsSubmitted.UntilEmptyAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, (await new QueueClient(azurite.ConnectionString, _system.Names.NotificationsQueue).GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.DoesNotContain(Spans(), s => s.DisplayName == "SendNotification");
    }

    [Fact]
    public async Task TelegramRequest_RoutingAndNotification_InTheTraceOfTheSubmission()
    {
        // The bot submits through the intake service inside the trace of the Telegram update it handles;
        // here the test plays the bot, with its own activity as that trace.
        using var bot = new Activity("telegram-update").SetIdFormat(ActivityIdFormat.W3C);
        bot.ActivityTraceFlags = ActivityTraceFlags.Recorded; // sampled, as the webhook's request would be
        bot.Start();
        var intake = _system.App.Services.GetRequiredService<ServiceRequestIntake>();
        var accepted = IntakeOutcomes.Accepted(await intake.SubmitAsync(new SubmitServiceRequest
        {
            Sector = "food", Governorate = "SY05", Description = "نحتاج إلى سلة غذائية لأسرة من خمسة", Consent = true,
            Language = "ar", Channel = RequestChannel.Telegram, ChannelAddress = "778001",
        }, CancellationToken.None));
        bot.Stop();
        await Eventually.HoldsAsync(() => Spans().Any(s => s.DisplayName == "SendNotification"), TimeSpan.FromSeconds(10), "the notification span exported");

        var routing = Assert.Single(Spans(), s => s.DisplayName == "RouteRequest");
        var notification = Assert.Single(Spans(), s => s.DisplayName == "SendNotification");
        Assert.Equal(bot.TraceId, routing.TraceId);
        Assert.Equal(bot.TraceId, notification.TraceId);
        Assert.Equal(routing.GetTagItem("request.id"), notification.GetTagItem("request.id"));
        Assert.True((await _system.Requests.GetEntityAsync<ServiceRequestEntity>(accepted.TrackingCode.Value, Keys.RequestRow)).Value.RequestId
            .Equals(notification.GetTagItem("request.id")));
    }

    private List<Activity> Spans() => _spans.Snapshot();

    // The exporter adds from its own thread while the test reads.
    private sealed class SpanList : System.Collections.ObjectModel.Collection<Activity>
    {
        private readonly Lock _gate = new();

        public List<Activity> Snapshot()
        {
            lock (_gate)
            {
                return [.. Items];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (_gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
