using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Webhooks;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Webhooks;

/// <summary>An NGO's endpoint (a real listener on 127.0.0.1) is told of its cases from the queue, through
/// the real worker: signed with the secret shown once, in order per case, caught up in order after being
/// down, contact details only after accepting, withdrawal and cancellation included.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebhookDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Phone = "+963944123456";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        // Retries after a failure start at one second (five by default), so catching up takes seconds.
        _system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Delivery:MinDelaySeconds"] = "1" }, environment: "Development");
        _driver = new NgoDriver(_system, azurite);
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task CaseLifecycle_SignedEventsInOrder_PhoneOnlyFromAcceptance()
    {
        var deir = await _driver.NgoAsync("deir-food", ["food"], ["SY09"]);
        var secret = await RegisterAsync(deir, "deir");

        var code = await _driver.SubmitAsync(sector: "food", governorate: "SY09", name: "سامر", phone: Phone);
        await _receiver.WaitForTakenAsync("deir", 1, Within);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(deir, code, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(deir, code, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(deir, code, "resolve", new { outcome = "successful" })).StatusCode);
        var received = await _receiver.WaitForTakenAsync("deir", 4, Within);
        // At least once: two messages of the case running at once may both send an event, with the same id and body.
        Assert.All(received.GroupBy(r => r.EventId), g => Assert.Single(g.Select(r => Encoding.UTF8.GetString(r.Body)).Distinct()));
        var taken = received.GroupBy(r => r.EventId).Select(g => g.First()).ToList();

        Assert.Equal(
            ["case.assigned Routed", "case.status-changed Accepted", "case.status-changed InProgress", "case.status-changed Resolved"],
            taken.Select(r => $"{r.Json["type"]} {r.Json["status"]}"));
        Assert.Equal(taken.Select(r => r.Sequence).Order(), taken.Select(r => r.Sequence));
        foreach (var one in received)
        {
            var timestamp = long.Parse(one.Timestamp!);
            Assert.True(WebhookSignature.Verify(secret, timestamp, one.Body, one.Signature), $"signature of {one.EventId}");
            Assert.Equal(ExpectedSignature(secret, one.Timestamp!, one.Body), one.Signature);
            Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - timestamp, -5, 300);
            Assert.Equal(one.EventId, one.Json["id"]!.ToString());
            Assert.Equal(code, one.Json["trackingCode"]!.ToString().Replace("-", string.Empty, StringComparison.Ordinal));
            Assert.False(WebhookSignature.Verify(secret + "x", timestamp, one.Body, one.Signature));
            Assert.False(WebhookSignature.Verify(secret, timestamp + 1, one.Body, one.Signature));
        }

        // No contact details before accepting; as the NGO API shows them from then on.
        Assert.DoesNotContain(Phone, Encoding.UTF8.GetString(taken[0].Body));
        Assert.Null(taken[0].Json["case"]!["citizen"]);
        Assert.Equal("not-accepted", taken[0].Json["case"]!["citizenWithheld"]!.ToString());
        Assert.All(taken.Skip(1), r => Assert.Equal(Phone, r.Json["case"]!["citizen"]!["phone"]!.ToString()));
        var view = (await deir.GetFromJsonAsync<JsonObject>($"ngo/requests/{code}"))!;
        Assert.Equal(view["citizen"]!.ToJsonString(), taken[^1].Json["case"]!["citizen"]!.ToJsonString());
    }

    [Fact]
    public async Task EndpointDownThenUp_EveryEventCaughtUpInOrder_CaseNeverHeldBack()
    {
        var deir = await _driver.NgoAsync("deir-food", ["food"], ["SY09"]);
        await RegisterAsync(deir, "deir");
        _receiver.FailWith = 500;

        var code = await _driver.SubmitAsync(sector: "food", governorate: "SY09", phone: Phone);
        await _driver.RoutedToAsync(code, "deir-food");
        // The NGO works on while its endpoint is down: nothing waits for the webhook.
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(deir, code, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(deir, code, "start")).StatusCode);
        await Eventually.HoldsAsync(() => _receiver.All.Count(r => !r.Taken) >= 4, Within, "four refused tries");
        Assert.Empty(_receiver.Taken("deir"));
        // While down, only the first event of the case was tried: the later ones wait behind it.
        Assert.All(_receiver.All, r => Assert.Equal("case.assigned", r.Json["type"]!.ToString()));

        _receiver.FailWith = 0;
        var firstTaken = Distinct(await _receiver.WaitForTakenAsync("deir", 3, Within));
        Assert.Equal(["Routed", "Accepted", "InProgress"], firstTaken.Select(r => r.Json["status"]!.ToString()));
        Assert.Equal(firstTaken.Select(r => r.Sequence).Order(), firstTaken.Select(r => r.Sequence));
        Assert.Equal("InProgress", (await _system.WaitForStatusAsync(code, "InProgress", Within))["status"]!.ToString());
        var parked = (await deir.GetFromJsonAsync<JsonObject>("ngo/webhook/deliveries"))!;
        Assert.Empty(parked["parked"]!.AsArray());
    }

    [Fact]
    public async Task Declined_WithdrawnFromTheFirst_AssignedToTheNext_CancelledToldToTheHolderOnly()
    {
        var deir = await _driver.NgoAsync("deir-food", ["food"], ["SY09"]);
        var mayadin = await _driver.NgoAsync("mayadin-food", ["food"], ["SY09"]);
        await RegisterAsync(deir, "deir");
        await RegisterAsync(mayadin, "mayadin");

        var code = await _driver.SubmitAsync(sector: "food", governorate: "SY09", phone: Phone);
        var first = await Eventually.ReadsAsync(
            () => Task.FromResult(_receiver.All.FirstOrDefault(r => r.Taken)), r => r is not null, Within, "the first assignment");
        var (holder, otherName) = first!.Name == "deir" ? (deir, "mayadin") : (mayadin, "deir");
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(holder, code, "decline", new { reason = "not-our-service" })).StatusCode);
        var withdrawn = Distinct(await _receiver.WaitForTakenAsync(first.Name, 2, Within));
        await _receiver.WaitForTakenAsync(otherName, 1, Within);
        await _system.App.Services.GetRequiredService<RequestCancellation>().CancelAsync(code, CancellationToken.None);
        var next = Distinct(await _receiver.WaitForTakenAsync(otherName, 2, Within));

        Assert.Equal(["case.assigned", "case.withdrawn"], withdrawn.Select(r => r.Json["type"]!.ToString()));
        Assert.Equal("declined:not-our-service", withdrawn[1].Json["reason"]!.ToString());
        Assert.Null(withdrawn[1].Json["case"]);
        Assert.Equal(["case.assigned", "case.cancelled"], next.Select(r => r.Json["type"]!.ToString()));
        Assert.Equal("Cancelled", next[1].Json["status"]!.ToString());
        Assert.DoesNotContain(_receiver.All, r => !r.Taken);
        Assert.Equal(2, Distinct(_receiver.Taken(first.Name)).Count);
    }

    private static List<WebhookReceiver.Received> Distinct(IEnumerable<WebhookReceiver.Received> received) =>
        received.GroupBy(r => r.EventId).Select(g => g.First()).ToList();

    [Fact]
    public async Task PoisonedDelivery_FlagsTheRequest_ReplayHandledClearsIt_NothingSentTwice()
    {
        var deir = await _driver.NgoAsync("deir-food", ["food"], ["SY09"]);
        await RegisterAsync(deir, "deir");
        var code = await _driver.SubmitAsync(sector: "food", governorate: "SY09");
        await _receiver.WaitForTakenAsync("deir", 1, Within);
        var poisonQueue = _system.Names.WebhooksQueue + "-poison";
        var poison = new QueueClient(azurite.ConnectionString, poisonQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

        await poison.SendMessageAsync(JsonSerializer.Serialize(new WebhookDue("deir-food", code, 2), MessageJson.Options));
        await Eventually.HoldsAsync(async () => (await StatusAsync(code))["needsAttention"]!.GetValue<bool>(), Within, "flagged from the poison queue");
        var replay = await _system.Http.PostAsync($"ops/poison-messages/{poisonQueue}/replay", null);

        Assert.Equal(1, (await replay.Content.ReadFromJsonAsync<JsonObject>())!["replayed"]!.GetValue<int>());
        await Eventually.HoldsAsync(async () => !(await StatusAsync(code))["needsAttention"]!.GetValue<bool>(), Within, "the flag cleared once the replay was handled");
        // The event was delivered before the message was poisoned: its record keeps it from going out again.
        Assert.Equal(1, _receiver.All.Count(r => r.Name == "deir"));
    }

    private async Task<JsonObject> StatusAsync(string code) => (await _system.Http.GetFromJsonAsync<JsonObject>($"requests/{code}"))!;

    // The NGO's own verification, as docs/ngo-api.md shows it: HMAC-SHA256 of "{timestamp}." + body.
    private static string ExpectedSignature(string secret, string timestamp, byte[] body)
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes(secret));
        return "sha256=" + Convert.ToHexStringLower(hmac.ComputeHash([.. Encoding.UTF8.GetBytes(timestamp + "."), .. body]));
    }

    private async Task<string> RegisterAsync(HttpClient ngo, string name)
    {
        var response = await ngo.PutAsJsonAsync("ngo/webhook", new { url = _receiver.UrlFor(name) });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["secret"]!.ToString();
    }
}
