using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The ministry's monitoring sees a sensitive request at governorate level only: no district in
/// the list, the export or the audit trail (coverage P-codes of its routing coarsened too); and the
/// coverage matrix counts for protection only the NGOs that may take it.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SensitiveMinistryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Homs = "SY04";
    private const string HomsDistrict = "SY0401";

    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ministry = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        _ministry = _driver.Client(TestSystem.MinistryKey);

        // Both Homs NGOs cover the district itself, so routing matches there.
        await _system.PutNgoAsync("homs-district-safe", ["protection"], [HomsDistrict], handlesSensitive: true);
        await _system.PutNgoAsync("homs-general", ["protection", "food"], [HomsDistrict], handlesSensitive: false);
        await _system.PutNgoAsync("hama-general", ["protection", "food"], ["SY05"], handlesSensitive: false);
    }

    public async Task DisposeAsync()
    {
        _ministry.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task RequestListAndExport_SensitiveRequest_GovernorateWithoutDistrict()
    {
        var sensitive = await _system.SubmitJsonAsync(new { sector = "protection", governorate = Homs, district = HomsDistrict, description = "أحتاج إلى حماية من التهديد", consent = true });
        var ordinary = await _system.SubmitJsonAsync(new { sector = "food", governorate = Homs, district = HomsDistrict, description = "نحتاج إلى سلة غذائية", consent = true });
        await _driver.StoredRoutedToAsync(sensitive, "homs-district-safe");
        await _driver.RoutedToAsync(ordinary, "homs-general");

        var items = await ListedAsync(sensitive, ordinary);

        var sensitiveItem = items[Display(sensitive)];
        Assert.True(sensitiveItem["sensitive"]!.GetValue<bool>());
        Assert.Equal(Homs, sensitiveItem["governorate"]!.ToString());
        Assert.Null(sensitiveItem["district"]);
        Assert.False(items[Display(ordinary)]["sensitive"]!.GetValue<bool>());
        Assert.Equal(HomsDistrict, items[Display(ordinary)]["district"]!.ToString());

        var response = await _ministry.GetAsync("ministry/exports/requests.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = ParseCsv(await response.Content.ReadAsByteArrayAsync()).Skip(2).ToDictionary(r => r[0]);
        Assert.Equal([Homs, "حمص", "Homs", string.Empty, string.Empty, string.Empty], rows[TestSystem.ExportRef(sensitive)][7..13]);
        Assert.Equal(HomsDistrict, rows[TestSystem.ExportRef(ordinary)][10]);
    }

    [Fact]
    public async Task AuditTrail_SensitiveRequestRoutedAtDistrictLevel_NothingFinerThanTheGovernorate()
    {
        var code = await _system.SubmitJsonAsync(new { sector = "protection", governorate = Homs, district = HomsDistrict, description = "أحتاج إلى مأوى آمن", consent = true });
        await _driver.StoredRoutedToAsync(code, "homs-district-safe");
        var stored = Assert.Single(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        Assert.Equal(HomsDistrict, stored.MatchedPCode);

        var trail = (await _ministry.GetFromJsonAsync<JsonObject>($"ministry/requests/{code}/events"))!;

        Assert.True(trail["sensitive"]!.GetValue<bool>());
        Assert.Equal(Homs, trail["governorate"]!.ToString());
        Assert.Null(trail["district"]);
        var assignment = trail["assignments"]!.AsArray().Single()!;
        Assert.Equal("homs-district-safe", assignment["ngoId"]!.ToString());
        Assert.Equal(Homs, assignment["matchedPCode"]!.ToString());
        Assert.Equal("Governorate", assignment["coverageLevel"]!.ToString());
        Assert.Equal([Homs], assignment["routingReason"]!.AsArray().Select(c => c!["matchedPCode"]!.ToString()));
        Assert.DoesNotContain(HomsDistrict, trail.ToJsonString());
        Assert.DoesNotContain("District", trail.ToJsonString());
    }

    [Fact]
    public async Task Coverage_Protection_CountsOnlyNgosThatHandleSensitiveCases()
    {
        var code = await _system.SubmitJsonAsync(new { sector = "protection", governorate = "SY05", description = "أحتاج إلى استشارة قانونية بسرية", consent = true });
        await _system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);

        var cells = await CellsAsync(c => c["sector"]!.ToString() == "protection" && c["governorate"]!.ToString() == "SY05" && c["demand"]!.GetValue<long>() == 1);

        var hamaProtection = cells[("protection", "SY05")];
        Assert.Empty(hamaProtection["ngos"]!.AsArray());
        Assert.True(hamaProtection["gap"]!.GetValue<bool>());
        Assert.Equal(1, hamaProtection["unroutable"]!.GetValue<long>());
        Assert.Equal(["homs-district-safe"], cells[("protection", Homs)]["ngos"]!.AsArray().Select(n => n!.ToString()));
        Assert.Equal(["hama-general"], cells[("food", "SY05")]["ngos"]!.AsArray().Select(n => n!.ToString()));
    }

    private static string Display(string canonical) => $"{canonical[..5]}-{canonical[5..]}";

    // The list, once the index rows of both requests show them routed (the index follows each commit).
    private Task<Dictionary<string, JsonObject>> ListedAsync(params string[] codes) => Eventually.ReadsAsync(
        async () => (await _ministry.GetFromJsonAsync<JsonObject>("ministry/requests"))!["items"]!.AsArray()
            .Select(i => i!.AsObject()).ToDictionary(i => i["trackingCode"]!.ToString()),
        items => codes.All(c => items.TryGetValue(Display(c), out var item) && item["status"]!.ToString() == "Routed"),
        NgoDriver.Within,
        "the ministry's list shows both requests routed");

    private Task<Dictionary<(string Sector, string Governorate), JsonObject>> CellsAsync(Func<JsonObject, bool> ready) => Eventually.ReadsAsync(
        async () => (await _ministry.GetFromJsonAsync<JsonObject>("ministry/coverage"))!["cells"]!.AsArray()
            .Select(c => c!.AsObject()).ToDictionary(c => (c["sector"]!.ToString(), c["governorate"]!.ToString())),
        cells => cells.Values.Any(ready),
        NgoDriver.Within,
        "the coverage matrix counts the request");

    private static List<string[]> ParseCsv(byte[] bytes)
    {
        using var csv = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        }

        return rows;
    }
}
