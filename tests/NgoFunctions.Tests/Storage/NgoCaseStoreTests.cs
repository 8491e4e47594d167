using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Storage;

/// <summary>The capacity gate against a real Azurite: exact under concurrency, idempotent per case.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NgoCaseStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly TestNames _names = new();
    private NgoCaseStore _store = null!;
    private TableClient _cases = null!;

    public async Task InitializeAsync()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var options = Options.Create(new StorageOptions { NgoCasesTable = _names.NgoCasesTable });
        _cases = service.GetTableClient(_names.NgoCasesTable);
        await _cases.CreateIfNotExistsAsync();
        _store = new NgoCaseStore(new StorageTables(service, options));
    }

    public async Task DisposeAsync() => await _cases.DeleteAsync();

    [Fact]
    public async Task ParallelReservations_CapacityTen_ExactlyTenWin()
    {
        const string ngo = "busy-ngo";
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => ReserveWithRetriesAsync(ngo, capacity: 10, $"CODE{i:D6}")));

        var load = await _cases.GetEntityAsync<NgoLoadEntity>(ngo, Keys.NgoLoadRow);
        var caseRows = 0;
        await foreach (var row in _cases.QueryAsync<NgoCaseEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {ngo} and RowKey ge {Keys.NgoCasePrefix} and RowKey lt {"case."}")))
        {
            caseRows++;
        }

        Assert.Equal(10, outcomes.Count(o => o == ReservationOutcome.Reserved));
        Assert.Equal(20, outcomes.Count(o => o == ReservationOutcome.Full));
        Assert.Equal(10, load.Value.OpenCases);
        Assert.Equal(10, caseRows);
    }

    [Fact]
    public async Task SameCaseTwice_CountedOnce()
    {
        var first = await ReserveWithRetriesAsync("ngo-a", capacity: 5, "SAMECODE01");
        var second = await ReserveWithRetriesAsync("ngo-a", capacity: 5, "SAMECODE01");

        var load = await _cases.GetEntityAsync<NgoLoadEntity>("ngo-a", Keys.NgoLoadRow);
        Assert.Equal(ReservationOutcome.Reserved, first);
        Assert.Equal(ReservationOutcome.AlreadyReserved, second);
        Assert.Equal(1, load.Value.OpenCases);
    }

    [Fact]
    public async Task Reserved_ReturnsTheCounterAsWrittenWithItsNewETag()
    {
        var first = await ReserveAsync("ngo-c", (await _store.GetLoadsAsync(["ngo-c"], CancellationToken.None))["ngo-c"], "ETAGCODE01");
        var second = await ReserveAsync("ngo-c", first.Counter!, "ETAGCODE02");
        var stale = await ReserveAsync("ngo-c", first.Counter!, "ETAGCODE03");

        var stored = (await _cases.GetEntityAsync<NgoLoadEntity>("ngo-c", Keys.NgoLoadRow)).Value;
        Assert.Equal(ReservationOutcome.Reserved, first.Outcome);
        Assert.Equal(1, first.Counter!.OpenCases);
        Assert.Equal(ReservationOutcome.Reserved, second.Outcome);
        Assert.Equal(2, second.Counter!.OpenCases);
        Assert.Equal(stored.ETag, second.Counter.ETag);
        Assert.Equal(ReservationOutcome.Raced, stale.Outcome);
        Assert.Null(stale.Counter);
        Assert.Equal(2, stored.OpenCases);
    }

    [Fact]
    public async Task Release_GivesThePlaceBackOnce()
    {
        await ReserveWithRetriesAsync("ngo-b", capacity: 1, "RELEASE001");

        await _store.ReleaseAsync("ngo-b", "RELEASE001", CancellationToken.None);
        await _store.ReleaseAsync("ngo-b", "RELEASE001", CancellationToken.None);

        var load = await _cases.GetEntityAsync<NgoLoadEntity>("ngo-b", Keys.NgoLoadRow);
        Assert.Equal(0, load.Value.OpenCases);
        Assert.Equal(ReservationOutcome.Reserved, await ReserveWithRetriesAsync("ngo-b", capacity: 1, "RELEASE002"));
    }

    private Task<Reservation> ReserveAsync(string ngo, NgoLoadEntity load, string code) =>
        _store.TryReserveAsync(load, 10, new NgoCaseEntity { PartitionKey = ngo, RowKey = Keys.NgoCaseRow(code), TrackingCode = code, AssignedAt = DateTimeOffset.UtcNow }, CancellationToken.None);

    // What the router does on a lost race: read the counter again and try again.
    private async Task<ReservationOutcome> ReserveWithRetriesAsync(string ngo, int capacity, string code)
    {
        while (true)
        {
            var load = (await _store.GetLoadsAsync([ngo], CancellationToken.None))[ngo];
            var row = new NgoCaseEntity { PartitionKey = ngo, RowKey = Keys.NgoCaseRow(code), TrackingCode = code, AssignedAt = DateTimeOffset.UtcNow };
            var reservation = await _store.TryReserveAsync(load, capacity, row, CancellationToken.None);
            if (reservation.Outcome != ReservationOutcome.Raced)
            {
                return reservation.Outcome;
            }
        }
    }
}
