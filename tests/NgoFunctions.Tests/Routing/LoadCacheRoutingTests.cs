using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Routing;

/// <summary>The router's copy of the NGO load counters (<c>NgoLoadCache</c>), against the whole system
/// with a clock the test moves: a second routing to the same candidates reads no counter; a stale copy
/// never lets a reservation exceed capacity (the reservation is if-match the counter's ETag); once the
/// copy expires the ranking follows storage again.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LoadCacheRoutingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private StorageTransactionCounter _counter = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Routing:LoadCacheSeconds"] = "5" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _driver = new NgoDriver(_system, azurite);
        _counter = _system.App.Services.GetRequiredService<StorageTransactionCounter>();
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task SecondRoutingToTheSameCandidates_ReadsNoCounter()
    {
        await _system.PutNgoAsync("idlib-health-a", ["health"], ["SY07"], capacity: 50);
        await _system.PutNgoAsync("idlib-health-b", ["health"], ["SY07"], capacity: 50);
        await _system.PutNgoAsync("idlib-health-c", ["health"], ["SY07"], capacity: 50);

        var (firstReads, firstNotifications) = await CountedAsync(() => RoutedAsync(governorate: "SY07"));
        var (secondReads, secondNotifications) = await CountedAsync(() => RoutedAsync(governorate: "SY07"));
        _clock.Advance(TimeSpan.FromSeconds(6));
        var (expiredReads, _) = await CountedAsync(() => RoutedAsync(governorate: "SY07"));

        Assert.Equal(3, firstReads);    // one point read per candidate: nothing held yet
        Assert.Equal(0, secondReads);   // every counter held (the chosen one as the reservation wrote it)
        Assert.Equal(3, expiredReads);  // older than Routing:LoadCacheSeconds: read again
        Assert.Equal(0, firstNotifications + secondNotifications); // web-form requests: nothing to notify
        Assert.Equal(3, (await Task.WhenAll(new[] { "a", "b", "c" }.Select(s => _driver.LoadAsync("idlib-health-" + s)))).Sum(l => l.OpenCases));
    }

    [Fact]
    public async Task StaleCopy_NeverExceedsCapacity_AndTheLessLoadedNgoWinsOnceItExpires()
    {
        await _system.PutNgoAsync("daraa-small", ["health"], ["SY12"], capacity: 2);
        await _system.PutNgoAsync("daraa-large", ["health"], ["SY12"], capacity: 100);
        await RoutedAsync(governorate: "SY12"); // both counters are now held by the router

        // Another instance fills the small NGO and loads the large one: the router's copies are stale.
        await SetOpenCasesAsync("daraa-small", 2);
        await SetOpenCasesAsync("daraa-large", 50);
        var whileStale = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            whileStale.Add((await RoutedAsync(governorate: "SY12")).AssignedNgoId!);
        }

        Assert.All(whileStale, ngo => Assert.Equal("daraa-large", ngo));
        Assert.Equal(2, (await _driver.LoadAsync("daraa-small")).OpenCases);
        Assert.Equal(56, (await _driver.LoadAsync("daraa-large")).OpenCases);

        // Places given back elsewhere: the small NGO is idle, the large one half full. Within the copy's
        // lifetime the router may still see the small one full; once it expires the idle one wins.
        await SetOpenCasesAsync("daraa-small", 0);
        _clock.Advance(TimeSpan.FromSeconds(6));
        var afterExpiry = await RoutedAsync(governorate: "SY12");

        Assert.Equal("daraa-small", afterExpiry.AssignedNgoId);
        Assert.Equal(1, (await _driver.LoadAsync("daraa-small")).OpenCases);
    }

    [Fact]
    public async Task StaleFull_ReadAgainBeforeUnroutable()
    {
        await _system.PutNgoAsync("quneitra-clinic", ["health"], ["SY14"], capacity: 1);
        await RoutedAsync(governorate: "SY14"); // the router holds the counter at 1 of 1: full

        await SetOpenCasesAsync("quneitra-clinic", 0); // the place was given back by another instance
        var request = await RoutedAsync(governorate: "SY14");

        Assert.Equal("Routed", request.Status);
        Assert.Equal("quneitra-clinic", request.AssignedNgoId);
        Assert.Equal(1, (await _driver.LoadAsync("quneitra-clinic")).OpenCases);
    }

    // The NgoCases point reads and notification enqueues done while `act` runs.
    private async Task<(long Reads, long Notifications)> CountedAsync(Func<Task> act)
    {
        var pointReads = $"table GET {_system.Names.NgoCasesTable} point";
        var notifications = $"queue POST {_system.Names.NotificationsQueue}";
        var (reads, sent) = (_counter.Operation(pointReads), _counter.Operation(notifications));
        await act();
        return (_counter.Operation(pointReads) - reads, _counter.Operation(notifications) - sent);
    }

    // Submits a web-form request and waits until the router decided it, reading storage directly (the
    // status API would add to the counted transactions).
    private async Task<ServiceRequestEntity> RoutedAsync(string governorate)
    {
        var code = await _driver.SubmitAsync(governorate: governorate);
        return await Eventually.ReadsAsync(
            () => _driver.RequestAsync(code), request => request.Status is "Routed" or "Unroutable", NgoDriver.Within, $"{code} decided by the router");
    }

    // Writes the counter as another instance would (a new ETag), keeping its other figures.
    private async Task SetOpenCasesAsync(string ngoId, int openCases)
    {
        var load = await _driver.LoadAsync(ngoId);
        load.PartitionKey = ngoId;
        load.RowKey = Keys.NgoLoadRow;
        load.OpenCases = openCases;
        await _system.NgoCases.UpsertEntityAsync(load, TableUpdateMode.Replace);
    }
}
