using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Closure;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.Ministry.Exports;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.Ministry.Hxl;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The ministry's flow stats say what citizens answered when their NGO reported the help given
/// (confirmed, unconfirmed, disputed, and still awaiting an answer) and the outcomes of the requests'
/// last resolutions, by the same rule as the NGO table; <c>stats.csv</c> carries the counts; rows counted
/// before the closure counters existed are recounted by the rebuild.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ClosureStatsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Ngo = "aleppo-food";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ngo = null!;
    private HttpClient _ministry = null!;

    public async Task InitializeAsync()
    {
        // The test runs the closure sweep itself, with the clock it moves.
        _system = await TestSystem.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Closure:SweepSchedule"] = "0 0 0 1 1 *" },
            services => services.AddSingleton<TimeProvider>(_clock));
        _driver = new NgoDriver(_system, azurite);
        _ngo = await _driver.NgoAsync(Ngo, ["food"], ["SY02"], capacity: 10);
        _ministry = _driver.Client(TestSystem.MinistryKey);
    }

    public async Task DisposeAsync()
    {
        _ngo.Dispose();
        _ministry.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Stats_CountConfirmedUnconfirmedDisputedAndAwaiting_AndTheLastOutcomes_AsTheNgoTableRates()
    {
        var day = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        var (confirmed, disputed, silent, confirmedAfterFailure, awaiting) =
            (await StartedAsync(), await StartedAsync(), await StartedAsync(), await StartedAsync(), await StartedAsync());

        await ResolveAsync(confirmed, new { outcome = "successful", note = "تم تسليم السلة الغذائية" });
        await ResolveAsync(disputed, new { outcome = "successful" });
        await ResolveAsync(silent, new { outcome = "not-successful", reason = "client-unreachable" });
        await ResolveAsync(confirmedAfterFailure, new { outcome = "not-successful", reason = "lack-of-capacity" });
        await AnswerAsync(confirmed, received: true);
        await AnswerAsync(confirmedAfterFailure, received: true);
        // Sent back, resolved again with another outcome, sent back again: two disputes, one last outcome.
        await AnswerAsync(disputed, received: false);
        await ResolveAsync(disputed, new { outcome = "not-successful", reason = "referred-elsewhere" });
        await AnswerAsync(disputed, received: false);

        // Silence past Closure:ConfirmAfterDays closes the unanswered one; the last is resolved after that sweep.
        _clock.Advance(TimeSpan.FromDays(15));
        Assert.Equal(1, (await _system.App.Services.GetRequiredService<ClosureSweeper>().SweepAsync(CancellationToken.None)).Closed);
        await ResolveAsync(awaiting, new { outcome = "successful" });
        await WaitForIndexAsync([confirmed, disputed, silent, confirmedAfterFailure, awaiting]);

        var stats = (await _ministry.GetFromJsonAsync<JsonObject>($"ministry/stats?from={day}&to={day}"))!;
        var closure = stats["closure"]!;
        Assert.Equal((1L, 2L, 1L, 2L), (Long(closure, "awaitingConfirmation"), Long(closure, "confirmed"), Long(closure, "unconfirmed"), Long(closure, "disputed")));
        Assert.Equal((0.4, 0.2, 0.4), (Rate(closure, "confirmedRate"), Rate(closure, "unconfirmedRate"), Rate(closure, "disputedRate")));
        var outcomes = stats["outcomes"]!;
        Assert.Equal(2, Long(outcomes, "successful"));
        Assert.Equal(
            ["client-unreachable:1", "no-longer-needed:0", "lack-of-capacity:1", "client-refused:0", "referred-elsewhere:1", "other:0"],
            outcomes["notSuccessful"]!.AsObject().Select(p => $"{p.Key}:{p.Value!.GetValue<long>()}"));
        var cell = Assert.Single(stats["cells"]!.AsArray())!;
        Assert.Equal(closure.ToJsonString(), cell["closure"]!.ToJsonString());
        Assert.Equal(outcomes.ToJsonString(), cell["outcomes"]!.ToJsonString());

        // One rule for the flow and the NGO table: here one NGO holds every case, so the rates agree.
        var ngo = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/ngos"))!["ngos"]!.AsArray().Single(n => n!["ngoId"]!.ToString() == Ngo)!;
        foreach (var rate in new[] { "confirmedRate", "unconfirmedRate", "disputedRate" })
        {
            Assert.Equal(Rate(closure, rate), Rate(ngo["closure"]!, rate));
        }

        // stats.csv carries the counts, each below 5 suppressed, zeros as they are.
        var table = HxlTable.Read(await _ministry.GetByteArrayAsync($"ministry/exports/stats.csv?from={day}&to={day}"));
        var row = Assert.Single(table.DataRows);
        string Column(string header) => row[table.HeaderRows[0].ToList().IndexOf(header)];
        Assert.Equal(
            [SmallCells.Suppressed, SmallCells.Suppressed, SmallCells.Suppressed, SmallCells.Suppressed, "0", SmallCells.Suppressed],
            new[] { "closed_confirmed", "closed_unconfirmed", "closure_disputes", "outcome_successful", "outcome_not_successful_client_refused", "outcome_not_successful_referred_elsewhere" }
                .Select(Column));
    }

    [Fact]
    public async Task Rebuild_RecountsARowCountedBeforeTheClosureCounters_TakingBackWhatItHadAdded()
    {
        var day = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd");
        var code = await StartedAsync();
        await ResolveAsync(code, new { outcome = "successful" });
        await AnswerAsync(code, received: true);
        await WaitForIndexAsync([code]);

        // As the rule of version 1 left it: the row marked version 1, its cell without closure or outcome counters.
        var row = (await _system.RequestIndex.GetEntityAsync<TableEntity>(day, code)).Value;
        row[nameof(RequestIndexEntity.AggregatesVersion)] = 1;
        await _system.RequestIndex.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
        await foreach (var aggregate in _system.RequestIndex.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {day} and RowKey ge {AggregateCounters.RowKeyPrefix} and RowKey lt {AggregateCounters.RowKeyEnd}")))
        {
            aggregate.Remove(AggregateCounters.ClosedConfirmed);
            aggregate.Remove(AggregateCounters.OutcomeSuccessful);
            await _system.RequestIndex.UpdateEntityAsync(aggregate, aggregate.ETag, TableUpdateMode.Replace);
        }

        var before = (await _ministry.GetFromJsonAsync<JsonObject>($"ministry/stats?from={day}&to={day}"))!;
        Assert.Equal((0L, 0L), (Long(before["closure"]!, "confirmed"), Long(before["outcomes"]!, "successful")));

        using var admin = _driver.Client(TestSystem.AdminKey);
        var rebuilt = (await (await admin.PostAsync("ops/request-index/rebuild", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        var again = (await (await admin.PostAsync("ops/request-index/rebuild", null)).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal((1, 0), (rebuilt["written"]!.GetValue<int>(), again["written"]!.GetValue<int>()));
        var after = (await _ministry.GetFromJsonAsync<JsonObject>($"ministry/stats?from={day}&to={day}"))!;
        Assert.Equal((1L, 1L, 1L), (Long(after, "total"), Long(after["closure"]!, "confirmed"), Long(after["outcomes"]!, "successful")));
        Assert.Equal(1L, after["byStatus"]!["Closed"]!.GetValue<long>());
    }

    private async Task<string> StartedAsync()
    {
        var code = await _driver.SubmitAsync(sector: "food", governorate: "SY02");
        await _driver.RoutedToAsync(code, Ngo);
        foreach (var action in new[] { "accept", "start" })
        {
            Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_ngo, code, action)).StatusCode);
        }

        return code;
    }

    private async Task ResolveAsync(string code, object outcome) =>
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_ngo, code, "resolve", outcome)).StatusCode);

    private async Task AnswerAsync(string code, bool received) =>
        Assert.Equal(HttpStatusCode.OK, (await _system.Http.PostAsJsonAsync($"requests/{code}/confirmation", new { received })).StatusCode);

    private Task WaitForIndexAsync(IReadOnlyCollection<string> codes) => IndexInStep.WaitAsync(_system, _driver, codes);

    private static long Long(JsonNode node, string name) => node[name]!.GetValue<long>();

    private static double? Rate(JsonNode node, string name) => node[name]?.GetValue<double>();
}
