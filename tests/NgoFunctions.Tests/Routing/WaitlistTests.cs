using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Routing;

/// <summary>A request whose NGOs are all full waits in line (Waitlisted, a capacity gap, not Unroutable)
/// and is routed the moment a place frees, in urgency, vulnerability and age order; a request no NGO covers
/// (Unroutable) is routed or waitlisted as soon as the registry adds an NGO that covers it.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WaitlistTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // Once a year: these tests see the immediate fill, never the safety-net sweep (which has a test of its own).
    private static readonly Dictionary<string, string?> NoSweep = new() { ["Routing:WaitlistSweepSchedule"] = "0 0 0 1 1 *" };

    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite, NoSweep);
        _driver = new NgoDriver(_system, azurite);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task PlaceFreedBeforeItsFill_ANewcomerJoinsTheLine_AndThePlaceGoesToTheFirstWaiting()
    {
        using var clinic = await _driver.NgoAsync("raqqa-clinic", ["health"], ["SY11"], capacity: 1);
        var first = await _driver.SubmitAsync(governorate: "SY11");
        await _driver.RoutedToAsync(first, "raqqa-clinic");
        var waiting = await _driver.SubmitAsync(governorate: "SY11");
        await WaitlistedAsync(waiting);

        // The place is free by the NGO's counter, and the fill that hands it on has not run (lost, or still on
        // its way): a newcomer arriving now must not take it ahead of the one that waits.
        var load = await _driver.LoadAsync("raqqa-clinic");
        load.OpenCases = 0;
        await _system.NgoCases.UpdateEntityAsync(load, load.ETag, TableUpdateMode.Replace);

        var newcomer = await _driver.SubmitAsync(governorate: "SY11");

        await _driver.RoutedToAsync(waiting, "raqqa-clinic");
        await WaitlistedAsync(newcomer);
        Assert.Equal(1, (await _driver.LoadAsync("raqqa-clinic")).OpenCases);
    }

    [Fact]
    public async Task FirstInLineHoldsAPlaceNotYetCommitted_TheFillGivesTheFreePlaceToTheNext()
    {
        using var clinic = await _driver.NgoAsync("hasakeh-clinic", ["health"], ["SY08"], capacity: 2);
        var holders = new[] { await _driver.SubmitAsync(governorate: "SY08"), await _driver.SubmitAsync(governorate: "SY08") };
        foreach (var holder in holders)
        {
            await _driver.RoutedToAsync(holder, "hasakeh-clinic");
        }

        var first = await _driver.SubmitAsync(governorate: "SY08");
        await WaitlistedAsync(first);
        var next = await _driver.SubmitAsync(governorate: "SY08");
        await WaitlistedAsync(next);

        // Both holders' places were freed (their cases closed), and a router has reserved one of them for the
        // first in line (its case row and the counter) but not yet committed it Routed: the request still reads
        // Waitlisted. So one place is free, by the counter, and it is the next one's.
        var rows = await _driver.CaseRowsAsync("hasakeh-clinic", Keys.NgoCasePrefix);
        foreach (var row in rows)
        {
            await _system.NgoCases.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        var reserved = rows[0];
        (reserved.RowKey, reserved.TrackingCode, reserved.RequestId) = (Keys.NgoCaseRow(first), first, (await _driver.RequestAsync(first)).RequestId);
        await _system.NgoCases.AddEntityAsync(reserved);
        var load = await _driver.LoadAsync("hasakeh-clinic");
        load.OpenCases = 1;
        await _system.NgoCases.UpdateEntityAsync(load, load.ETag, TableUpdateMode.Replace);

        var filler = _system.App.Services.GetRequiredService<NgoFunctions.Core.Routing.WaitlistFiller>();
        var ngo = (await _system.App.Services.GetRequiredService<NgoFunctions.Core.Registry.NgoDirectory>().GetAllAsync(CancellationToken.None)).Single(n => n.Id == "hasakeh-clinic");
        var queued = await filler.FillAsync(ngo, registryChangedAt: null, CancellationToken.None);

        Assert.Equal([next], queued);
        await _driver.RoutedToAsync(next, "hasakeh-clinic");
        Assert.Equal(2, (await _driver.LoadAsync("hasakeh-clinic")).OpenCases);
    }

    [Fact]
    public async Task WaitingRequestQueuedForAPlace_WhileOneAheadWaitsWithoutOne_StaysInLineAndThePlaceGoesToTheFirst()
    {
        using var clinic = await _driver.NgoAsync("tartus-clinic", ["health"], ["SY10"], capacity: 1);
        var holder = await _driver.SubmitAsync(governorate: "SY10");
        await _driver.RoutedToAsync(holder, "tartus-clinic");
        var first = await _driver.SubmitAsync(governorate: "SY10");
        await WaitlistedAsync(first);
        var next = await _driver.SubmitAsync(governorate: "SY10");
        await WaitlistedAsync(next);

        // One place is free by the counter, and the second in line is queued for it: what a fill does when it
        // counts a place free that a router is just reserving, or when two fills run at once. It must not
        // take the place ahead of the first.
        var load = await _driver.LoadAsync("tartus-clinic");
        load.OpenCases = 0;
        await _system.NgoCases.UpdateEntityAsync(load, load.ETag, TableUpdateMode.Replace);
        await QueueForRoutingAsync(next);

        await _driver.RoutedToAsync(first, "tartus-clinic");
        await _system.RequestsSubmitted.UntilEmptyAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Waitlisted", (await _driver.RequestAsync(next)).Status);
        Assert.Equal(1, (await _driver.LoadAsync("tartus-clinic")).OpenCases);
    }

    [Fact]
    public async Task WaitingRequestWhosePlaceWasReservedButNotCommitted_DeliveredAgain_TakesThatPlace()
    {
        using var clinic = await _driver.NgoAsync("idlib-clinic", ["health"], ["SY07"], capacity: 1);
        var holder = await _driver.SubmitAsync(governorate: "SY07");
        await _driver.RoutedToAsync(holder, "idlib-clinic");
        var waiting = await _driver.SubmitAsync(governorate: "SY07");
        await WaitlistedAsync(waiting);

        // The holder's case closed, and a router then reserved the freed place for the waiting request (its
        // case row, the counter back at capacity) and stopped before committing Routed: the NGO reads full.
        // The queue delivers the message again.
        var row = Assert.Single(await _driver.CaseRowsAsync("idlib-clinic", Keys.NgoCasePrefix));
        await _system.NgoCases.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        (row.RowKey, row.TrackingCode, row.RequestId) = (Keys.NgoCaseRow(waiting), waiting, (await _driver.RequestAsync(waiting)).RequestId);
        await _system.NgoCases.AddEntityAsync(row);
        await QueueForRoutingAsync(waiting);

        await _driver.RoutedToAsync(waiting, "idlib-clinic");
        Assert.Equal(1, (await _driver.LoadAsync("idlib-clinic")).OpenCases);
        Assert.Single(await _driver.CaseRowsAsync("idlib-clinic", Keys.NgoCasePrefix));
    }

    [Fact]
    public async Task EmergencyWaitlistedPastItsResponseTarget_FlaggedForTheMinistryOnce_OthersNot()
    {
        // The sweep is run by hand on an injected clock: 23 h, then 25 h after the submissions.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>(NoSweep) { ["Sla:SweepSchedule"] = "0 0 0 1 1 *" };
        await using var system = await TestSystem.StartAsync(azurite, settings, services => services.AddSingleton<TimeProvider>(clock));
        var driver = new NgoDriver(system, azurite);
        await system.PutNgoAsync("deir-clinic", ["health"], ["SY09"], capacity: 1);
        var first = await driver.SubmitAsync(governorate: "SY09");
        await driver.RoutedToAsync(first, "deir-clinic");
        var emergency = await driver.SubmitAsync(governorate: "SY09", urgency: "emergency");
        var normal = await driver.SubmitAsync(governorate: "SY09");
        foreach (var code in new[] { emergency, normal })
        {
            await driver.WaitForAsync(code, s => s["status"]?.ToString() == "Waitlisted", "Waitlisted");
        }

        var sweeper = system.App.Services.GetRequiredService<NgoFunctions.Core.Routing.WaitlistSweeper>();
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, (await sweeper.SweepAsync(CancellationToken.None)).Flagged);
        Assert.False((await driver.RequestAsync(emergency)).NeedsAttention);

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, (await sweeper.SweepAsync(CancellationToken.None)).Flagged);
        Assert.True((await driver.RequestAsync(emergency)).NeedsAttention);
        Assert.False((await driver.RequestAsync(normal)).NeedsAttention);
        var events = await driver.RowsAsync<RequestEventEntity>(emergency, Keys.EventPrefix);
        Assert.Contains(events, e => e.Detail?.Contains(NgoFunctions.Core.Routing.WaitlistSweeper.WaitlistedPastSla, StringComparison.Ordinal) == true);

        Assert.Equal(0, (await sweeper.SweepAsync(CancellationToken.None)).Flagged);
    }

    [Fact]
    public async Task CapacityOne_SecondRequestWaitlisted_RoutedWithinSecondsOfTheFirstResolved()
    {
        using var clinic = await _driver.NgoAsync("idlib-clinic", ["health"], ["SY07"], capacity: 1);
        var first = await _driver.SubmitAsync(governorate: "SY07");
        await _driver.RoutedToAsync(first, "idlib-clinic");
        const long chat = 7_000_101;

        var second = await _driver.SubmitAsync(governorate: "SY07", telegramChatId: chat);

        var waiting = await WaitlistedAsync(second);
        Assert.Null(waiting["ngo"]);
        var told = await _system.Bot.WaitForAsync(c => c.Method == "sendMessage" && c.ChatId == chat, NgoDriver.Within);
        Assert.Contains("بلغت طاقتها القصوى حالياً، ويحتفظ طلبك بدوره في قائمة الانتظار", told.Parameters["text"]!.ToString());
        Assert.Single(await WaitlistRowsAsync(), e => e.TrackingCode == second && e.Status == "Waitlisted");

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(clinic, first, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(clinic, first, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(clinic, first, "resolve", new { outcome = "successful", note = "تم" })).StatusCode);

        await _driver.RoutedToAsync(second, "idlib-clinic");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"routed {clock.Elapsed} after the place was freed");
        var events = await _driver.RowsAsync<RequestEventEntity>(second, Keys.EventPrefix);
        Assert.Equal(["Submitted", "Waitlisted", "Routed"], events.Select(e => e.Type));
        Assert.Equal(1, (await _driver.LoadAsync("idlib-clinic")).OpenCases);
        await Eventually.HoldsAsync(async () => (await WaitlistRowsAsync()).Count == 0, NgoDriver.Within, "the routed request left the waitlist");
        await _system.Bot.WaitForAsync(c => c.Method == "sendMessage" && c.ChatId == chat && c.Parameters["text"]!.ToString().Contains("idlib-clinic"), NgoDriver.Within);
    }

    [Fact]
    public async Task PlacesFreeOneByOne_WaitlistedServedByUrgencyThenVulnerabilityThenAge()
    {
        using var clinic = await _driver.NgoAsync("deir-clinic", ["health"], ["SY09"], capacity: 1);
        var holder = await _driver.SubmitAsync(governorate: "SY09");
        await _driver.RoutedToAsync(holder, "deir-clinic");

        // Submitted in the reverse of the order they are to be served (the oldest is served last).
        var normal = await _driver.SubmitAsync(governorate: "SY09", urgency: "normal");
        await WaitlistedAsync(normal);
        var vulnerable = await _driver.SubmitAsync(governorate: "SY09", urgency: "normal", vulnerabilities: ["disability", "child"]);
        await WaitlistedAsync(vulnerable);
        var urgent = await _driver.SubmitAsync(governorate: "SY09", urgency: "urgent");
        await WaitlistedAsync(urgent);
        var emergency = await _driver.SubmitAsync(governorate: "SY09", urgency: "emergency");
        await WaitlistedAsync(emergency);

        string[] line = [emergency, urgent, vulnerable, normal];
        var current = holder;
        for (var i = 0; i < line.Length; i++)
        {
            // A decline frees the place (the declined request waits too, but never for this NGO again).
            Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(clinic, current, "decline", new { reason = "out-of-capacity" })).StatusCode);

            await _driver.RoutedToAsync(line[i], "deir-clinic");
            foreach (var later in line.Skip(i + 1))
            {
                Assert.Equal("Waitlisted", (await _driver.RequestAsync(later)).Status);
            }

            Assert.Equal(1, (await _driver.LoadAsync("deir-clinic")).OpenCases);
            current = line[i];
        }
    }

    [Fact]
    public async Task NewNgoRegistered_OldUnroutableRoutedInOrderAndTheRestWaitlisted()
    {
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var code = await _driver.SubmitAsync(sector: "shelter", governorate: "SY14");
            await _driver.WaitForAsync(code, s => s["status"]?.ToString() == "Unroutable", "Unroutable");
            codes.Add(code);
        }

        await _system.PutNgoAsync("quneitra-shelter", ["shelter"], ["SY14"], capacity: 2);

        await Eventually.HoldsAsync(async () =>
        {
            var requests = await Task.WhenAll(codes.Select(_driver.RequestAsync));
            return requests[0].AssignedNgoId == "quneitra-shelter" && requests[1].AssignedNgoId == "quneitra-shelter" && requests[2].Status == "Waitlisted";
        }, TimeSpan.FromSeconds(60), "the two oldest routed to the new NGO and the third waitlisted");
        Assert.Equal(["Submitted", "Unroutable", "Routed"], (await _driver.RowsAsync<RequestEventEntity>(codes[0], Keys.EventPrefix)).Select(e => e.Type));
        Assert.Equal(["Submitted", "Unroutable", "Waitlisted"], (await _driver.RowsAsync<RequestEventEntity>(codes[2], Keys.EventPrefix)).Select(e => e.Type));
        Assert.Equal(2, (await _driver.LoadAsync("quneitra-shelter")).OpenCases);
        Assert.Equal([codes[2]], (await WaitlistRowsAsync()).Select(e => e.TrackingCode));
    }

    [Fact]
    public async Task CapacityRaised_WaitlistedRoutedWithoutAnyPlaceFreed()
    {
        await _system.PutNgoAsync("daraa-food", ["food"], ["SY12"], capacity: 1);
        var first = await _driver.SubmitAsync(sector: "food", governorate: "SY12");
        await _driver.RoutedToAsync(first, "daraa-food");
        var second = await _driver.SubmitAsync(sector: "food", governorate: "SY12");
        await WaitlistedAsync(second);

        await _system.PutNgoAsync("daraa-food", ["food"], ["SY12"], capacity: 2);

        await _driver.RoutedToAsync(second, "daraa-food");
        Assert.Equal(2, (await _driver.LoadAsync("daraa-food")).OpenCases);
    }

    [Fact]
    public async Task CancelledWhileWaitlisted_LeavesTheLineAndTheFreedPlaceGoesToTheNext()
    {
        using var clinic = await _driver.NgoAsync("hama-clinic", ["health"], ["SY05"], capacity: 1);
        var holder = await _driver.SubmitAsync(governorate: "SY05");
        await _driver.RoutedToAsync(holder, "hama-clinic");
        var cancelled = await _driver.SubmitAsync(governorate: "SY05");
        await WaitlistedAsync(cancelled);
        var next = await _driver.SubmitAsync(governorate: "SY05");
        await WaitlistedAsync(next);

        var cancellation = _system.App.Services.GetRequiredService<NgoFunctions.Core.Requests.RequestCancellation>();
        Assert.Equal(NgoFunctions.Core.Requests.CancellationOutcome.Cancelled, await cancellation.CancelAsync(cancelled, CancellationToken.None));
        Assert.Equal([next], (await WaitlistRowsAsync()).Select(e => e.TrackingCode));
        await NgoDriver.ActAsync(clinic, holder, "decline", new { reason = "other" });

        await _driver.RoutedToAsync(next, "hama-clinic");
        Assert.Equal("Cancelled", (await _driver.RequestAsync(cancelled)).Status);
    }

    [Fact]
    public async Task SamePersonAskingTwiceWhileWaitlisted_HoldsOnePlaceInLine()
    {
        await _system.PutNgoAsync("tartus-clinic", ["health"], ["SY10"], capacity: 1);
        var holder = await _driver.SubmitAsync(governorate: "SY10");
        await _driver.RoutedToAsync(holder, "tartus-clinic");
        var first = await _driver.SubmitAsync(governorate: "SY10", phone: "0944123456");
        await WaitlistedAsync(first);

        var intake = _system.App.Services.GetRequiredService<NgoFunctions.Core.Intake.ServiceRequestIntake>();
        var again = await intake.SubmitAsync(new NgoFunctions.Core.Intake.SubmitServiceRequest
        {
            Sector = "health", Governorate = "SY10", Description = "أحتاج إلى دواء للسكري لوالدتي المسنة", Phone = "0944123456",
            Consent = true, Language = "ar", Channel = RequestChannel.Form,
        }, CancellationToken.None);

        var duplicate = IntakeOutcomes.Duplicate(again);
        Assert.Equal(first, duplicate.TrackingCode.Value);
        Assert.Equal([first], (await WaitlistRowsAsync()).Select(e => e.TrackingCode));
    }

    [Fact]
    public async Task SweepTimer_PlaceFreedWithoutAFill_WaitlistedRoutedByTheSafetyNet()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Routing:WaitlistSweepSchedule"] = "*/2 * * * * *" });
        var driver = new NgoDriver(system, azurite);
        await system.PutNgoAsync("raqqa-clinic", ["health"], ["SY11"], capacity: 1);
        var holder = await driver.SubmitAsync(governorate: "SY11");
        await driver.RoutedToAsync(holder, "raqqa-clinic");
        var waiting = await driver.SubmitAsync(governorate: "SY11");
        await driver.WaitForAsync(waiting, s => s["status"]?.ToString() == "Waitlisted", "Waitlisted");

        // The place frees behind the application's back (as if the process stopped right after freeing
        // it): only the sweep can hand it on.
        var load = await driver.LoadAsync("raqqa-clinic");
        load.OpenCases = 0;
        await system.NgoCases.UpdateEntityAsync(load, load.ETag, TableUpdateMode.Replace);

        await driver.RoutedToAsync(waiting, "raqqa-clinic");
    }

    [Fact]
    public async Task SweepTimer_FullNgoStoredWithoutItsRecheck_CoveredUnroutableBecomesWaitlisted()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["Routing:WaitlistSweepSchedule"] = "*/2 * * * * *",
            ["Routing:DirectoryCacheSeconds"] = "1",
        });
        var driver = new NgoDriver(system, azurite);
        var code = await driver.SubmitAsync(sector: "wash", governorate: "SY03");
        await driver.WaitForAsync(code, s => s["status"]?.ToString() == "Unroutable", "Unroutable");

        // The NGO reaches the registry table without the registry's re-check (as if the process stopped
        // right after storing it), and with no room (capacity 0: no place will free to fill): only the sweep's
        // re-check of covered Unroutable requests can find the request, a capacity gap now.
        var ngos = new TableServiceClient(azurite.ConnectionString).GetTableClient(system.Names.NgosTable);
        await ngos.AddEntityAsync(new NgoEntity
        {
            PartitionKey = Keys.NgoPartition, RowKey = "homs-water", NameAr = "مياه", NameEn = "Water", Sectors = "wash", Coverage = "SY03",
            Capacity = 0, Active = true, RegisteredAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        });

        await driver.WaitForAsync(code, s => s["status"]?.ToString() == "Waitlisted", "Waitlisted");
        Assert.Equal(["Submitted", "Unroutable", "Waitlisted"], (await driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Select(e => e.Type));
    }

    private Task<System.Text.Json.Nodes.JsonObject> WaitlistedAsync(string code) =>
        _driver.WaitForAsync(code, s => s["status"]?.ToString() == "Waitlisted", "Waitlisted");

    private async Task<List<WaitlistEntity>> WaitlistRowsAsync()
    {
        var client = new TableServiceClient(azurite.ConnectionString).GetTableClient(_system.Names.WaitlistTable);
        var rows = new List<WaitlistEntity>();
        await foreach (var row in client.QueryAsync<WaitlistEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    // Puts the request's routing message on requests-submitted, as a fill (or the queue's redelivery) does.
    private async Task QueueForRoutingAsync(string trackingCode)
    {
        var message = new RequestSubmitted((await _driver.RequestAsync(trackingCode)).RequestId, trackingCode);
        await _system.RequestsSubmitted.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(message, MessageJson.Options));
    }
}
