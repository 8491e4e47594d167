using System.Net;
using Azure.Data.Tables;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>Open-case counts stay exact when routings, declines and acceptances race: the counter, the
/// NGO's case rows and the requests it holds always agree, and capacity is never exceeded.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CapacityRaceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan SettleWithin = TimeSpan.FromSeconds(60);
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task FiftyParallelRoutings_NgoOfCapacityTen_ExactlyTenAssignedTheRestWaitlisted()
    {
        await _system.PutNgoAsync("latakia-clinic", ["health"], ["SY06"], capacity: 10);

        var codes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _driver.SubmitAsync(governorate: "SY06")));
        var requests = await SettledAsync(codes);

        Assert.Equal(10, requests.Count(r => r.Status == "Routed" && r.AssignedNgoId == "latakia-clinic"));
        Assert.Equal(40, requests.Count(r => r.Status == "Waitlisted"));
        Assert.Equal(10, (await _driver.LoadAsync("latakia-clinic")).OpenCases);
        Assert.Equal(10, (await _driver.CaseRowsAsync("latakia-clinic", Keys.NgoCasePrefix)).Count);
    }

    [Fact]
    public async Task FiftyParallelRoutings_SecondNgoWithRoom_TenToTheFirstFortyElsewhere()
    {
        await _system.PutNgoAsync("latakia-district-clinic", ["health"], ["SY0600"], capacity: 10);
        await _system.PutNgoAsync("latakia-health", ["health"], ["SY06"], capacity: 100);

        var codes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _driver.SubmitAsync(governorate: "SY06", district: "SY0600")));
        var requests = await SettledAsync(codes);

        Assert.Equal(10, requests.Count(r => r.AssignedNgoId == "latakia-district-clinic"));
        Assert.Equal(40, requests.Count(r => r.AssignedNgoId == "latakia-health"));
        Assert.Equal(10, (await _driver.LoadAsync("latakia-district-clinic")).OpenCases);
        Assert.Equal(40, (await _driver.LoadAsync("latakia-health")).OpenCases);
    }

    [Fact]
    public async Task DeclinesAcceptancesAndNewRoutingsRacing_CountersMatchTheCasesHeld()
    {
        using var busy = await _driver.NgoAsync("tartus-clinic", ["health"], ["SY1000"], capacity: 10);
        await _system.PutNgoAsync("tartus-health", ["health"], ["SY10"], capacity: 100);
        var first = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => _driver.SubmitAsync(governorate: "SY10", district: "SY1000")));
        foreach (var code in first)
        {
            await _driver.RoutedToAsync(code, "tartus-clinic");
        }

        var declines = first.Take(5).Select(c => NgoDriver.ActAsync(busy, c, "decline", new { reason = "out-of-capacity" }));
        var accepts = first.Skip(5).Select(c => NgoDriver.ActAsync(busy, c, "accept"));
        var submissions = Enumerable.Range(0, 20).Select(_ => _driver.SubmitAsync(governorate: "SY10", district: "SY1000"));
        var answers = await Task.WhenAll(declines.Concat(accepts));
        var second = await Task.WhenAll(submissions);
        var requests = await SettledAsync([.. first, .. second]);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var held = requests.Count(r => r.AssignedNgoId == "tartus-clinic");
        var load = await _driver.LoadAsync("tartus-clinic");
        Assert.InRange(held, 5, 10);
        Assert.Equal(held, load.OpenCases);
        Assert.Equal(held, (await _driver.CaseRowsAsync("tartus-clinic", Keys.NgoCasePrefix)).Count);
        Assert.Equal(5, load.Accepted);
        Assert.Equal(5, load.NotAccepted);
        Assert.Equal(30 - held, (await _driver.LoadAsync("tartus-health")).OpenCases);
        Assert.All(first.Take(5), c => Assert.Equal("tartus-health", requests.Single(r => r.PartitionKey == c).AssignedNgoId));
    }

    [Fact]
    public async Task AcceptAndDeclineAtOnce_OneWinsTheOtherIsRefusedAndCountsFollowTheWinner()
    {
        using var clinic = await _driver.NgoAsync("hasakeh-clinic", ["health"], ["SY0800"], capacity: 10);
        await _system.PutNgoAsync("hasakeh-health", ["health"], ["SY08"], capacity: 10);
        var codes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _driver.SubmitAsync(governorate: "SY08", district: "SY0800")));
        foreach (var code in codes)
        {
            await _driver.RoutedToAsync(code, "hasakeh-clinic");
        }

        var raced = await Task.WhenAll(codes.Select(async code =>
        {
            var answers = await Task.WhenAll(
                NgoDriver.ActAsync(clinic, code, "accept"),
                NgoDriver.ActAsync(clinic, code, "decline", new { reason = "other" }));
            return (Accept: answers[0].StatusCode, Decline: answers[1].StatusCode);
        }));
        var requests = await SettledAsync(codes);

        // Exactly one wins. The other is refused: 409 for a decline after the accept (the case is
        // accepted), 404 for an accept after the decline (the case is no longer this NGO's).
        HttpStatusCode[] refusals = [HttpStatusCode.Conflict, HttpStatusCode.NotFound];
        Assert.All(raced, r => Assert.True(
            (r.Accept == HttpStatusCode.OK && refusals.Contains(r.Decline)) || (r.Decline == HttpStatusCode.OK && refusals.Contains(r.Accept)),
            $"accept {(int)r.Accept}, decline {(int)r.Decline}"));
        var acceptedCount = raced.Count(r => r.Accept == HttpStatusCode.OK);
        Assert.Equal(acceptedCount, requests.Count(r => r.Status == "Accepted" && r.AssignedNgoId == "hasakeh-clinic"));
        Assert.Equal(6 - acceptedCount, requests.Count(r => r.AssignedNgoId == "hasakeh-health"));
        var load = await _driver.LoadAsync("hasakeh-clinic");
        Assert.Equal(acceptedCount, load.OpenCases);
        Assert.Equal(acceptedCount, load.Accepted);
        Assert.Equal(6 - acceptedCount, load.NotAccepted);
    }

    [Fact]
    public async Task SameAcceptFourTimesAtOnce_EveryAnswerOkAndOneAcceptance()
    {
        using var clinic = await _driver.NgoAsync("raqqa-clinic", ["health"], ["SY1101"], capacity: 10);
        var codes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _driver.SubmitAsync(governorate: "SY11", district: "SY1101")));
        foreach (var code in codes)
        {
            await _driver.RoutedToAsync(code, "raqqa-clinic");
        }

        // A double tap, a client's retry and a second screen: the same accept, repeated, is one accept.
        var answers = await Task.WhenAll(codes.Select(async code =>
            (await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NgoDriver.ActAsync(clinic, code, "accept")))).Select(r => r.StatusCode).ToArray()));

        Assert.All(answers, perCase => Assert.All(perCase, status => Assert.Equal(HttpStatusCode.OK, status)));
        foreach (var code in codes)
        {
            var accepted = 0;
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {code} and RowKey ge {Keys.EventPrefix} and RowKey lt {"event."} and Type eq {"Accepted"}");
            await foreach (var _ in _system.Requests.QueryAsync<RequestEventEntity>(filter))
            {
                accepted++;
            }

            Assert.Equal(1, accepted);
        }

        var load = await _driver.LoadAsync("raqqa-clinic");
        Assert.Equal(5, load.OpenCases);
        Assert.Equal(5, load.Accepted);
    }

    // Waits until no request is waiting for the router (Submitted, or Routed with its assignment ended).
    private Task<List<ServiceRequestEntity>> SettledAsync(IReadOnlyList<string> codes) => Eventually.ReadsAsync(
        async () => (await Task.WhenAll(codes.Select(_driver.RequestAsync))).ToList(),
        requests => requests.All(r => !AwaitsRouter(r)),
        SettleWithin,
        "no request waiting for the router",
        requests => $"{requests.Count(AwaitsRouter)} of {codes.Count} still waiting");

    private static bool AwaitsRouter(ServiceRequestEntity request) =>
        request.Status == "Submitted" || (request.Status == "Routed" && request.AssignedNgoId is null);
}
