using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Reliability;

/// <summary>Two instances of the app on one storage account, as Azure scales out: each with its own
/// in-memory caches, both taking requests over HTTP and both routing from the same queue. Capacity
/// holds exactly and nothing is routed twice.</summary>
[Collection(StorageCollection.Name)]
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
}
