using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The ministry's flow stats come from aggregate rows moved on every transition: they equal
/// a recount of the requests after a burst of concurrent transitions, they time each milestone by the
/// server clock, they count SLA breaches, and a rebuild counts requests stored before the index.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FlowAggregateTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Aggregates_AfterABurstOfConcurrentTransitions_EqualARecountOfTheRequests()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Sla:MaxAssignments"] = "2" });
        var driver = new NgoDriver(system, azurite);
        using var damascus = await driver.NgoAsync("damascus-health", ["health"], ["SY01"], capacity: 100);
        using var clinic = await driver.NgoAsync("damascus-clinic", ["health"], ["SY0100"], capacity: 100);
        using var food = await driver.NgoAsync("aleppo-food", ["food"], ["SY02"], capacity: 6);

        // Four cells: two routed to two NGOs each, one over an NGO's capacity, one with no NGO at all.
        var submissions = Enumerable.Range(0, 48).Select(i => (i % 4) switch
        {
            0 => driver.SubmitAsync("health", "SY01"),
            // Each its own citizen: one phone for all would be one open request, given again.
            1 => driver.SubmitAsync("health", "SY01", "SY0100", name: "سعاد", phone: $"09441234{i:D2}"),
            2 => driver.SubmitAsync("food", "SY02"),
            _ => driver.SubmitAsync("shelter", "SY14"),
        });
        var codes = await Task.WhenAll(submissions);
        await WaitUntilDecidedAsync(system, driver, codes);

        // Every NGO answers every pending case at once: accept, decline (the request moves on), or
        // accept-start-resolve; a third of the citizens cancel at the same time.
        var ngos = new Dictionary<string, HttpClient> { ["damascus-health"] = damascus, ["damascus-clinic"] = clinic, ["aleppo-food"] = food };
        var work = new List<Task>();
        for (var i = 0; i < codes.Length; i++)
        {
            var code = codes[i];
            var request = await driver.RequestAsync(code);
            var cancel = system.App.Services.GetRequiredService<RequestCancellation>();
            if (i % 3 == 0)
            {
                work.Add(cancel.CancelAsync(code, CancellationToken.None));
            }

            if (request.AssignedNgoId is { } ngoId)
            {
                var ngo = ngos[ngoId];
                work.Add((i % 5) switch
                {
                    0 => NgoDriver.ActAsync(ngo, code, "decline", new { reason = "out-of-capacity" }),
                    1 or 2 => ResolveAsync(ngo, code),
                    _ => NgoDriver.ActAsync(ngo, code, "accept"),
                });
            }
        }

        await Task.WhenAll(work);
        await WaitUntilDecidedAsync(system, driver, codes);
        // A waiting request may still be on its way to a place freed by a resolution (the fill queues it):
        // settled only once nothing is left on the routing queue.
        await system.RequestsSubmitted.UntilEmptyAsync(Within);
        var recount = await WaitForIndexInStepAsync(system, driver, codes);

        // Counter by counter, per day and cell, the aggregate rows equal the recount of the requests.
        var stored = new Dictionary<(string Day, string Sector, string Governorate), Dictionary<string, long>>();
        await foreach (var row in system.RequestIndex.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"RowKey ge {AggregateCounters.RowKeyPrefix} and RowKey lt {AggregateCounters.RowKeyEnd}")))
        {
            var key = (row.PartitionKey, row.GetString(AggregateCounters.SectorProperty)!, row.GetString(AggregateCounters.GovernorateProperty)!);
            var sums = stored.TryGetValue(key, out var s) ? s : stored[key] = new Dictionary<string, long>();
            foreach (var (name, value) in row)
            {
                if (value is int or long && name is not ("PartitionKey" or "RowKey"))
                {
                    sums[name] = sums.GetValueOrDefault(name) + Convert.ToInt64(value);
                }
            }
        }

        Assert.Equal(recount.Keys.Order(), stored.Keys.Order());
        foreach (var (cell, expected) in recount)
        {
            var actual = stored[cell].Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal);
            Assert.Equal(expected.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal), actual);
        }

        // And the API answers the same totals.
        using var ministry = driver.Client(TestSystem.MinistryKey);
        var stats = (await ministry.GetFromJsonAsync<JsonObject>("ministry/stats"))!;
        Assert.Equal(codes.Length, stats["total"]!.GetValue<long>());
        foreach (var status in AggregateCounters.Statuses)
        {
            var expected = recount.Values.Sum(c => c.GetValueOrDefault(AggregateCounters.StatusCounter(status)));
            Assert.Equal(expected, stats["byStatus"]![status]!.GetValue<long>());
        }

        Assert.True(stats["byStatus"]!["Cancelled"]!.GetValue<long>() > 0 && stats["byStatus"]!["Resolved"]!.GetValue<long>() > 0);
        var shelter = Assert.Single(stats["cells"]!.AsArray(), c => c!["sector"]!.ToString() == "shelter");
        Assert.Equal(codes.Length / 4, shelter!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Stats_TimeEachMilestoneByTheServerClockAndCountSlaBreaches()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSystem.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Sla:SweepSchedule"] = "0 0 0 1 1 *" },
            services => services.AddSingleton<TimeProvider>(clock));
        var driver = new NgoDriver(system, azurite);
        using var homsClinic = await driver.NgoAsync("homs-clinic", ["health"], ["SY0401"]);
        using var homsHealth = await driver.NgoAsync("homs-health", ["health"], ["SY04"]);
        var first = await driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        var second = await driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await driver.RoutedToAsync(first, "homs-clinic");
        await driver.RoutedToAsync(second, "homs-clinic");

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(homsClinic, first, "accept")).StatusCode);
        clock.Advance(TimeSpan.FromHours(23));
        await system.App.Services.GetRequiredService<AssignmentSweeper>().SweepAsync(CancellationToken.None);
        await driver.RoutedToAsync(second, "homs-health");
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(homsClinic, first, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(homsClinic, first, "resolve", new { outcome = "successful", note = "تم تسليم الدواء" })).StatusCode);

        using var ministry = driver.Client(TestSystem.MinistryKey);
        var stats = (await ministry.GetFromJsonAsync<JsonObject>("ministry/stats?sector=health&governorate=SY04"))!;
        Assert.Equal(2, stats["total"]!.GetValue<long>());
        Assert.Equal(1, stats["byStatus"]!["Resolved"]!.GetValue<long>());
        Assert.Equal(1, stats["byStatus"]!["Routed"]!.GetValue<long>());
        Assert.Equal(1, stats["slaBreaches"]!.GetValue<long>());

        var times = stats["times"]!;
        Assert.Equal(2, times["toRouted"]!["count"]!.GetValue<long>());
        Assert.InRange(times["toRouted"]!["medianSeconds"]!.GetValue<double>(), 0, 1);
        Assert.Equal(1, times["toAccepted"]!["count"]!.GetValue<long>());
        Assert.InRange(times["toAccepted"]!["medianSeconds"]!.GetValue<double>(), 5_400, 7_200);
        Assert.Equal(1, times["toResolved"]!["count"]!.GetValue<long>());
        Assert.InRange(times["toResolved"]!["p90Seconds"]!.GetValue<double>(), 172_800, 259_200);

        var day = Assert.Single(stats["days"]!.AsArray());
        Assert.Equal(DateOnly.FromDateTime(clock.Start.UtcDateTime).ToString("yyyy-MM-dd"), day!["day"]!.ToString());
        Assert.Equal(2, day["total"]!.GetValue<long>());
        var none = (await ministry.GetFromJsonAsync<JsonObject>("ministry/stats?sector=food"))!;
        Assert.Equal(0, none["total"]!.GetValue<long>());
        Assert.Null(none["times"]!["toRouted"]!["medianSeconds"]?.GetValue<double?>());
    }

    [Fact]
    public async Task Rebuild_CountsRequestsStoredBeforeTheIndexAndIsIdempotent()
    {
        await using var system = await TestSystem.StartAsync(azurite);
        var driver = new NgoDriver(system, azurite);
        using var ngo = await driver.NgoAsync("damascus-health", ["health"], ["SY01"]);
        var codes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => driver.SubmitAsync()));
        foreach (var code in codes)
        {
            await driver.RoutedToAsync(code, "damascus-health");
        }

        await WaitForIndexInStepAsync(system, driver, codes);

        // As before the index existed: every index and aggregate row gone.
        await foreach (var row in system.RequestIndex.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            await system.RequestIndex.DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }

        using var ministry = driver.Client(TestSystem.MinistryKey);
        using var admin = driver.Client(TestSystem.AdminKey);
        Assert.Equal(0, (await ministry.GetFromJsonAsync<JsonObject>("ministry/stats"))!["total"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Unauthorized, (await ministry.PostAsync("ops/request-index/rebuild", null)).StatusCode);

        var rebuilt = await admin.PostAsync("ops/request-index/rebuild", null);
        Assert.Equal(HttpStatusCode.OK, rebuilt.StatusCode);
        var answer = (await rebuilt.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(3, answer["scanned"]!.GetValue<int>());
        Assert.Equal(3, answer["written"]!.GetValue<int>());
        var again = (await (await admin.PostAsync("ops/request-index/rebuild", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, again["written"]!.GetValue<int>());

        var stats = (await ministry.GetFromJsonAsync<JsonObject>("ministry/stats"))!;
        Assert.Equal(3, stats["total"]!.GetValue<long>());
        Assert.Equal(3, stats["byStatus"]!["Routed"]!.GetValue<long>());
        Assert.Equal(3, stats["times"]!["toRouted"]!["count"]!.GetValue<long>());
        Assert.Equal(3, (await ministry.GetFromJsonAsync<JsonObject>("ministry/requests"))!["items"]!.AsArray().Count);
    }

    private static async Task<HttpResponseMessage> ResolveAsync(HttpClient ngo, string code)
    {
        foreach (var action in new[] { "accept", "start" })
        {
            var answer = await NgoDriver.ActAsync(ngo, code, action);
            if (answer.StatusCode != HttpStatusCode.OK)
            {
                return answer;
            }
        }

        return await NgoDriver.ActAsync(ngo, code, "resolve", new { outcome = "successful", note = "تم" });
    }

    // Routing settles: no request is waiting for the router (Submitted, or Routed with no NGO).
    private static async Task WaitUntilDecidedAsync(TestSystem system, NgoDriver driver, IEnumerable<string> codes)
    {
        foreach (var code in codes)
        {
            await Eventually.ReadsAsync(
                () => driver.RequestAsync(code),
                request => request.Status != "Submitted" && !(request.Status == "Routed" && request.AssignedNgoId is null),
                Within,
                $"{code} decided by the router");
        }
    }

    // Waits until every index row carries its request's last event, then recounts the requests
    // themselves (not the index) into counters per day and cell.
    private static async Task<Dictionary<(string Day, string Sector, string Governorate), Dictionary<string, long>>> WaitForIndexInStepAsync(
        TestSystem system, NgoDriver driver, IReadOnlyCollection<string> codes)
    {
        var requests = await IndexInStep.WaitAsync(system, driver, codes, Within);

        var recount = new Dictionary<(string, string, string), Dictionary<string, long>>();
        foreach (var r in requests)
        {
            var key = (RequestIndexEntity.Day(r.SubmittedAt), r.Sector, r.Governorate);
            var counters = recount.TryGetValue(key, out var c) ? c : recount[key] = new Dictionary<string, long>();
            AggregateCounters.Add(counters, IndexState.Of(RequestIndexEntity.From(r)), +1);
        }

        return recount;
    }
}
