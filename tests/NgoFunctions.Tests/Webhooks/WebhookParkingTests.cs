using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Webhooks;

/// <summary>An event that fails at the NGO's endpoint for a day is parked, listed for the NGO only, and
/// the case's later events go on; the NGO can have it sent again. The clock is moved, so the functions
/// run in this process.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebhookParkingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _system = await TestSystem.StartAsync(
            azurite,
            // No SLA sweep: the day that passes would expire the assignment.
            new Dictionary<string, string?> { ["Delivery:MinDelaySeconds"] = "1", ["Sla:SweepSchedule"] = "0 0 0 1 1 *" },
            services => services.AddSingleton<TimeProvider>(_clock),
            environment: "Development");
    }

    public async Task DisposeAsync()
    {
        await _system.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task FailingForADay_Parked_ListedForItsNgoOnly_LaterEventsGoOn_RetrySendsIt()
    {
        var driver = new NgoDriver(_system, azurite);
        var deir = await driver.NgoAsync("deir-food", ["food"], ["SY09"]);
        var homs = await driver.NgoAsync("homs-food", ["food"], ["SY04"]);
        Assert.Equal(HttpStatusCode.Created, (await deir.PutAsJsonAsync("ngo/webhook", new { url = _receiver.UrlFor("deir") })).StatusCode);
        _receiver.FailWith = 503;

        var code = await driver.SubmitAsync(sector: "food", governorate: "SY09");
        await Eventually.HoldsAsync(() => _receiver.All.Count >= 2, Within, "two refused tries");
        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var parked = await Eventually.ReadsAsync(
            async () => (await deir.GetFromJsonAsync<JsonObject>("ngo/webhook/deliveries"))!["parked"]!.AsArray(),
            list => list.Count == 1,
            Within,
            "one parked delivery");

        Assert.Equal("case.assigned", parked[0]!["type"]!.ToString());
        Assert.Equal("http-503", parked[0]!["lastError"]!.ToString());
        Assert.Equal(code, parked[0]!["trackingCode"]!.ToString().Replace("-", string.Empty, StringComparison.Ordinal));
        Assert.Empty((await homs.GetFromJsonAsync<JsonObject>("ngo/webhook/deliveries"))!["parked"]!.AsArray());

        // The endpoint is back: the case's next event is not held behind the parked one.
        _receiver.FailWith = 0;
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(deir, code, "accept")).StatusCode);
        var taken = await _receiver.WaitForTakenAsync("deir", 1, Within);
        Assert.Equal("Accepted", taken[0].Json["status"]!.ToString());

        // Sent again on the NGO's word: once, however often it asks.
        var retried = await deir.PostAsync("ngo/webhook/deliveries/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<JsonObject>())!["queued"]!.GetValue<int>());
        Assert.Equal(0, (await (await deir.PostAsync("ngo/webhook/deliveries/retry", null)).Content.ReadFromJsonAsync<JsonObject>())!["queued"]!.GetValue<int>());
        taken = await _receiver.WaitForTakenAsync("deir", 2, Within);
        Assert.Equal("case.assigned", taken[^1].Json["type"]!.ToString());
        Assert.Empty((await deir.GetFromJsonAsync<JsonObject>("ngo/webhook/deliveries"))!["parked"]!.AsArray());
    }
}
