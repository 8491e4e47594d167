using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Reliability;

/// <summary>Two instances of the app on one storage account, as Azure scales out: each with its own
/// in-memory caches, both taking requests over HTTP and both routing from the same queue. Capacity
/// holds exactly and nothing is routed twice.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TwoHostsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _first = null!;
    private TestSystem _second = null!;

    public async Task InitializeAsync()
    {
        _first = await TestSystem.StartAsync(azurite);
        _second = await TestSystem.StartAsync(azurite, sharing: _first.Names);
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task FortyRequestsThroughTwoHosts_NgoOfCapacityTen_ExactlyTenRoutedNoneTwice()
    {
        await _first.PutNgoAsync("latakia-clinic", ["health"], ["SY06"], capacity: 10);
        var drivers = new[] { new NgoDriver(_first, azurite), new NgoDriver(_second, azurite) };

        var codes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => drivers[i % 2].SubmitAsync(governorate: "SY06")));

        var requests = new List<ServiceRequestEntity>();
        await Eventually.HoldsAsync(async () =>
        {
            requests = [.. await Task.WhenAll(codes.Select(drivers[0].RequestAsync))];
            return requests.All(r => r.Status is "Routed" or "Unroutable" or "Waitlisted");
        }, TimeSpan.FromSeconds(60), "every request decided");
        Assert.Equal(10, requests.Count(r => r.Status == "Routed" && r.AssignedNgoId == "latakia-clinic"));
        Assert.Equal(10, (await drivers[0].LoadAsync("latakia-clinic")).OpenCases);
        Assert.Equal(10, (await drivers[0].CaseRowsAsync("latakia-clinic", Keys.NgoCasePrefix)).Count);
        foreach (var code in codes)
        {
            var events = await drivers[0].RowsAsync<RequestEventEntity>(code, Keys.EventPrefix);
            Assert.Single(events, e => e.Type == "Submitted");
            Assert.True(events.Count(e => e.FromStatus is not null) == 1, $"{code}: {string.Join(", ", events.Select(e => e.Type))}");
            Assert.True((await drivers[0].RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix)).Count <= 1);
        }
    }

    [Fact]
    public async Task TwoHostsFreeingAndFillingPlacesAtOnce_NeverOverCapacityAndServedInOrder()
    {
        const string ngoId = "aleppo-clinic";
        const int capacity = 3;
        await _first.PutNgoAsync(ngoId, ["health"], ["SY02"], capacity);
        var drivers = new[] { new NgoDriver(_first, azurite), new NgoDriver(_second, azurite) };
        var key = await drivers[0].IssueKeyAsync(ngoId);
        using var viaFirst = drivers[0].Client(key);
        using var viaSecond = drivers[1].Client(key);
        HttpClient[] ngo = [viaFirst, viaSecond];

        // The first three take the places; then the rest, one after the other, so their age decides their
        // place in line. (New arrivals routed at once race each other for free places by design: the
        // line orders only those that wait.)
        var codes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            codes.Add(await drivers[i % 2].SubmitAsync(governorate: "SY02"));
            if (i == capacity - 1)
            {
                foreach (var code in codes)
                {
                    await drivers[0].RoutedToAsync(code, ngoId);
                }
            }
        }

        // Watches, throughout, the NGO's counter and the requests it holds: never over its capacity.
        var maxHeld = 0;
        using var stop = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var held = (await Task.WhenAll(codes.Select(drivers[0].RequestAsync))).Count(r => r.AssignedNgoId == ngoId && r.Status is "Routed" or "Accepted" or "InProgress");
                var open = (await drivers[0].LoadAsync(ngoId)).OpenCases;
                maxHeld = Math.Max(maxHeld, Math.Max(held, open));
                await Task.Delay(50);
            }
        });

        // Round 0: the first three are routed, the rest wait. Then each round frees all three places at once,
        // through both hosts (declines, then full resolutions), and the next three in line take them.
        for (var round = 0; round * capacity < codes.Count; round++)
        {
            var holding = codes.Skip(round * capacity).Take(capacity).ToList();
            var waiting = codes.Skip((round + 1) * capacity).ToList();
            await Eventually.ReadsAsync(
                () => Task.WhenAll(codes.Select(drivers[0].RequestAsync)),
                requests => holding.All(c => requests.Single(r => r.PartitionKey == c) is { Status: "Routed", AssignedNgoId: ngoId })
                    && waiting.All(c => requests.Single(r => r.PartitionKey == c).Status == "Waitlisted"),
                TimeSpan.FromSeconds(30),
                $"round {round}: the next {capacity} in line routed, the rest waitlisted",
                requests => string.Join(", ", requests.Select((r, i) => $"{i}:{r.Status}{(r.AssignedNgoId is null ? string.Empty : "@" + r.AssignedNgoId)}")));

            if (round % 2 == 0)
            {
                await Task.WhenAll(holding.Select((c, i) => ActedAsync(ngo[i % 2], c, "decline", new { reason = "out-of-capacity" })));
            }
            else
            {
                await Task.WhenAll(holding.Select(async (c, i) =>
                {
                    await ActedAsync(ngo[i % 2], c, "accept");
                    await ActedAsync(ngo[(i + 1) % 2], c, "start");
                    await ActedAsync(ngo[i % 2], c, "resolve", new { outcome = "successful", note = "done" });
                }));
            }
        }

        await stop.CancelAsync();
        await watcher;
        Assert.InRange(maxHeld, 1, capacity);
        var load = await drivers[0].LoadAsync(ngoId);
        Assert.Equal(0, load.OpenCases);
        Assert.Empty(await drivers[0].CaseRowsAsync(ngoId, Keys.NgoCasePrefix));
        foreach (var code in codes)
        {
            // Each request was routed once: no freed place was filled twice with it.
            Assert.Single(await drivers[0].RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        }
    }

    // An NGO action that must be taken: a refused one (409 while the request kept changing, say) would
    // leave its place held, and the round after would wait for it in vain.
    private static async Task ActedAsync(HttpClient ngo, string trackingCode, string action, object? body = null)
    {
        using var response = await NgoDriver.ActAsync(ngo, trackingCode, action, body);
        Assert.True(response.IsSuccessStatusCode, $"{action} {trackingCode}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task NgoRegisteredOnOneHost_UnroutableKnownToTheOther_RoutedWithinAMinute()
    {
        var drivers = new[] { new NgoDriver(_first, azurite), new NgoDriver(_second, azurite) };
        var codes = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var code = await drivers[i % 2].SubmitAsync(sector: "shelter", governorate: "SY13");
            await drivers[0].WaitForAsync(code, s => s["status"]?.ToString() == "Unroutable", "Unroutable");
            codes.Add(code);
        }

        // Both hosts hold a registry copy without the NGO (they just routed with it); the change is made
        // on one of them, and the re-checks may be taken by either.
        await _second.PutNgoAsync("sweida-shelter", ["shelter"], ["SY13"], capacity: 4);

        await Eventually.HoldsAsync(async () =>
        {
            var requests = await Task.WhenAll(codes.Select(drivers[0].RequestAsync));
            return requests.Take(4).All(r => r.AssignedNgoId == "sweida-shelter") && requests.Skip(4).All(r => r.Status == "Waitlisted");
        }, TimeSpan.FromSeconds(60), "the four oldest routed to the new NGO, the others waitlisted");
        Assert.Equal(4, (await drivers[0].LoadAsync("sweida-shelter")).OpenCases);
    }
}
