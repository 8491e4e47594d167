using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.App.Ministry;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry.Exports;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The request and stats exports end to end: keys, headers, bad filters, and the request file
/// with real requests (masked, filtered, Arabic names intact, paged, capped).</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ExportApiTests(AzuriteFixture azurite)
{
    private const string CitizenName = "سعاد الحلبي";
    private const string CitizenPhone = "0944123456";
    private const string Description = "أحتاج إلى دواء للسكري لوالدتي المسنة";

    // One instant for the whole class, noon UTC, on the system's clock as well: the date filters and file
    // names the tests expect agree with the system's whatever time the suite runs (across midnight UTC
    // "today" would otherwise differ between the test and the system).
    private static readonly DateTimeOffset Noon = new(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);
    private static readonly string Today = Day(Noon);

    [Fact]
    public async Task RequestsCsv_HoldsTheFilteredRequestsMaskedWithArabicNames()
    {
        await using var system = await StartAsync();
        var driver = new NgoDriver(system, azurite);
        using var ministry = driver.Client(TestSystem.MinistryKey);
        using var ngo = await driver.NgoAsync("damascus-health", ["health"], ["SY01"]);
        // One citizen each (their own phone): the same phone and sector again would be the open request again, not a new one.
        var health = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            health.Add(await driver.SubmitAsync(district: "SY0100", name: CitizenName, phone: $"{CitizenPhone[..^2]}{i:D2}", description: Description));
        }

        var shelter = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            shelter.Add(await driver.SubmitAsync(sector: "shelter", governorate: "SY14", name: CitizenName, phone: $"{CitizenPhone[..^2]}{i:D2}", description: Description));
        }

        foreach (var code in health)
        {
            await driver.RoutedToAsync(code, "damascus-health");
        }

        foreach (var code in shelter)
        {
            await system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);
        }

        // The personal data is there, in the requests table.
        var stored = await driver.RequestAsync(health[0]);
        Assert.Equal((CitizenName, Description), (stored.Name, stored.Description));
        Assert.Contains("9441234", stored.Phone, StringComparison.Ordinal);

        var response = await ministry.GetAsync("ministry/exports/requests.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var defaultFrom = Day(Noon.AddDays(-29));
        Assert.Equal($"requests-{defaultFrom}-{Today}.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        Assert.Equal("1000", response.Headers.GetValues(MinistryExportFunctions.RowLimitHeader).Single());

        var bytes = await response.Content.ReadAsByteArrayAsync();
        var raw = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain(CitizenName, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("9441234", raw, StringComparison.Ordinal);
        Assert.DoesNotContain(Description, raw, StringComparison.Ordinal);
        // No tracking code, in any form: a code is the key to its request's status, confirmation and erasure.
        foreach (var code in health.Concat(shelter))
        {
            Assert.DoesNotContain(code, raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Display(code), raw, StringComparison.OrdinalIgnoreCase);
        }

        var rows = Parse(bytes);
        Assert.Equal(RequestsCsvWriter.Headers, rows[0]);
        Assert.Equal(RequestsCsvWriter.Hashtags, rows[1]);
        Assert.Equal(("request_ref", "#meta+id"), (rows[0][0], rows[1][0]));
        Assert.Equal(2 + 5, rows.Count);
        // One ref per request, each the keyed pseudonym of its own code, no two alike.
        Assert.Equal(5, rows.Skip(2).Select(r => r[0]).Distinct().Count());
        var data = rows.Skip(2).ToDictionary(r => r[0]);
        Assert.Equal(health.Concat(shelter).Select(TestSystem.ExportRef).Order(), data.Keys.Order());
        Assert.All(data.Keys, r => Assert.Matches("^[0-9a-f]{32}$", r));

        // Stable: a second download names each request by the same ref, row for row.
        var again = Parse(await (await ministry.GetAsync("ministry/exports/requests.csv")).Content.ReadAsByteArrayAsync());
        Assert.Equal(rows.Skip(2).Select(r => (r[0], r[1], r[4])), again.Skip(2).Select(r => (r[0], r[1], r[4])));

        var healthRow = data[TestSystem.ExportRef(health[0])];
        Assert.Equal(
            ["Routed", "health", "الصحة", "Health", "SY01", "دمشق", "Damascus", "SY0100", "دمشق", "Damascus"],
            healthRow[3..13]);
        Assert.Contains(healthRow[13], UrgencyLevels.Codes);
        Assert.Equal(["Form", "damascus-health", "no", "", "", "", "0"], healthRow[14..]);
        Assert.StartsWith(Today + "T", healthRow[1], StringComparison.Ordinal);
        var shelterRow = data[TestSystem.ExportRef(shelter[0])];
        Assert.Equal(["Unroutable", "shelter", "المأوى", "Shelter", "SY14", "القنيطرة", "Quneitra", "", "", ""], shelterRow[3..13]);

        var shelterOnly = Parse(await (await ministry.GetAsync("ministry/exports/requests.csv?sector=shelter")).Content.ReadAsByteArrayAsync());
        Assert.Equal(shelter.Select(TestSystem.ExportRef).Order(), shelterOnly.Skip(2).Select(r => r[0]).Order());

        var routed = Parse(await (await ministry.GetAsync("ministry/exports/requests.csv?status=routed&governorate=SY01&needsAttention=false")).Content.ReadAsByteArrayAsync());
        Assert.Equal(health.Select(TestSystem.ExportRef).Order(), routed.Skip(2).Select(r => r[0]).Order());

        Assert.Equal(2, Parse(await (await ministry.GetAsync("ministry/exports/requests.csv?needsAttention=true")).Content.ReadAsByteArrayAsync()).Count);
        var tomorrow = Day(Noon.AddDays(1));
        var future = await ministry.GetAsync($"ministry/exports/requests.csv?from={tomorrow}&to={tomorrow}");
        Assert.Equal($"requests-{tomorrow}-{tomorrow}.csv", future.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        Assert.Equal(2, Parse(await future.Content.ReadAsByteArrayAsync()).Count);

        // A continuation token is not a filter of the file: it is ignored, even a malformed one.
        var ignored = await ministry.GetAsync($"ministry/exports/requests.csv?from={Today}&to={Today}&continuationToken=%25%25%25");
        Assert.Equal(HttpStatusCode.OK, ignored.StatusCode);
        Assert.Equal(2 + 5, Parse(await ignored.Content.ReadAsByteArrayAsync()).Count);
    }

    [Fact]
    public async Task RequestsCsv_PastTheRowCap_EndsWithTheNote_AndExactlyAtIt_DoesNot()
    {
        await using var system = await StartAsync(maxRows: 3);
        var driver = new NgoDriver(system, azurite);
        using var ministry = driver.Client(TestSystem.MinistryKey);
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add(await driver.SubmitAsync(sector: "shelter", governorate: "SY14"));
        }

        codes.Add(await driver.SubmitAsync(sector: "food", governorate: "SY14"));
        foreach (var code in codes)
        {
            await system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);
        }

        var cut = await ministry.GetAsync("ministry/exports/requests.csv?lang=en");
        Assert.Equal("3", cut.Headers.GetValues(MinistryExportFunctions.RowLimitHeader).Single());
        var rows = Parse(await cut.Content.ReadAsByteArrayAsync());
        Assert.Equal(2 + 3 + 1, rows.Count);
        Assert.Equal([new Texts().Get("ministry.export.truncated", Language.En, 3)], rows[^1]);
        Assert.All(rows.Skip(2).Take(3), r => Assert.Contains(r[0], codes.Select(TestSystem.ExportRef)));

        var whole = Parse(await (await ministry.GetAsync("ministry/exports/requests.csv?sector=shelter")).Content.ReadAsByteArrayAsync());
        Assert.Equal(2 + 3, whole.Count);
        Assert.All(whole.Skip(2), r => Assert.Equal(RequestsCsvWriter.Headers.Count, r.Length));
    }

    [Fact]
    public async Task RequestsCsv_WithoutAPseudonymKeyOutsideDevelopment_Answers503Problem_AndTheRestWorksOn()
    {
        await using var system = await StartAsync(pseudonymKey: null);
        using var ministry = new NgoDriver(system, azurite).Client(TestSystem.MinistryKey);

        foreach (var (lang, language) in new[] { ("ar", Language.Ar), ("en", Language.En) })
        {
            var response = await ministry.GetAsync($"ministry/exports/requests.csv?lang={lang}");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Null(response.Content.Headers.ContentDisposition);
            Assert.False(response.Headers.Contains(MinistryExportFunctions.RowLimitHeader));
            // Nothing to wait for: the key is missing, not the storage.
            Assert.Null(response.Headers.RetryAfter);
            var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(503, problem["status"]!.GetValue<int>());
            Assert.Equal(new Texts().Get("ministry.export.pseudonymKeyMissing", language), problem["title"]!.ToString());
            Assert.Contains("Ministry:Exports:PseudonymKey", problem["title"]!.ToString(), StringComparison.Ordinal);
        }

        // The other exports and the monitoring API do not need the key.
        Assert.Equal(HttpStatusCode.OK, (await ministry.GetAsync("ministry/exports/stats.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ministry.GetAsync("ministry/exports/coverage.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ministry.GetAsync("ministry/requests")).StatusCode);
    }

    [Fact]
    public async Task StatsCsv_HasTheCsvHeadersAndOneRowPerStatsCell()
    {
        await using var system = await StartAsync();
        var driver = new NgoDriver(system, azurite);
        using var ministry = driver.Client(TestSystem.MinistryKey);
        var code = await driver.SubmitAsync(sector: "shelter", governorate: "SY14");
        await system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);
        var from = Day(Noon.AddDays(-6));

        var response = await ministry.GetAsync($"ministry/exports/stats.csv?from={from}&to={Today}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"stats-{from}-{Today}.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var rows = Parse(bytes);
        Assert.Equal(StatsCsvExport.Headers, rows[0]);
        Assert.Equal(StatsCsvExport.Hashtags, rows[1]);

        // Until the aggregates land, the stats have no cells: then the file has none either. Once they
        // do, each cell is a row with its suppressed counts.
        var stats = await ministry.GetFromJsonAsync<JsonObject>($"ministry/stats?from={from}&to={Today}");
        var cells = stats!["cells"]!.AsArray();
        Assert.Equal(2 + cells.Count, rows.Count);
        foreach (var cell in cells)
        {
            var row = rows.Single(r => r[2] == cell!["sector"]!.ToString() && r[5] == cell["governorate"]!.ToString());
            Assert.Equal([from, Today], row[..2]);
            Assert.Equal(SmallCells.Count(cell!["total"]!.GetValue<long>()), row[8]);
        }

        var shelter = await ministry.GetAsync("ministry/exports/stats.csv?sector=shelter&governorate=SY14");
        Assert.Equal(HttpStatusCode.OK, shelter.StatusCode);
    }

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task BadFilters_Answer400ProblemNamingEachFieldInTheCallersLanguage(string lang)
    {
        await using var system = await StartAsync();
        using var ministry = new NgoDriver(system, azurite).Client(TestSystem.MinistryKey);
        var language = lang == "en" ? Language.En : Language.Ar;
        var texts = new Texts();

        var requests = await ministry.GetAsync($"ministry/exports/requests.csv?lang={lang}&status=lost&from=yesterday&needsAttention=maybe&sector=nowhere&governorate=SY99");
        var requestErrors = await ErrorsAsync(requests);
        Assert.Equal(["from", "governorate", "needsAttention", "sector", "status"], requestErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(texts.Get("ministry.validation.date", language), requestErrors["from"]);
        Assert.Equal(texts.Get("ministry.validation.sector", language), requestErrors["sector"]);
        Assert.Equal(texts.Get("ministry.validation.governorate", language), requestErrors["governorate"]);
        Assert.Equal(texts.Get("ministry.validation.needsAttention", language), requestErrors["needsAttention"]);

        var stats = await ministry.GetAsync($"ministry/exports/stats.csv?lang={lang}&to=29-11-2026&sector=nowhere&governorate=SY99");
        var statsErrors = await ErrorsAsync(stats);
        Assert.Equal(["governorate", "sector", "to"], statsErrors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(texts.Get("ministry.validation.date", language), statsErrors["to"]);

        var range = await ministry.GetAsync($"ministry/exports/stats.csv?lang={lang}&from=2020-01-01&to={Today}");
        Assert.Equal(["from"], (await ErrorsAsync(range)).Keys);
        var yesterday = Day(Noon.AddDays(-1));
        var backwards = await ministry.GetAsync($"ministry/exports/requests.csv?lang={lang}&from={Today}&to={yesterday}");
        Assert.Equal(["from"], (await ErrorsAsync(backwards)).Keys);
    }

    private static string Display(string canonical) => $"{canonical[..5]}-{canonical[5..]}";

    private static async Task<Dictionary<string, string>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(400, problem["status"]!.GetValue<int>());
        return problem["errors"]!.AsObject().ToDictionary(e => e.Key, e => Assert.Single(e.Value!.AsArray())!.ToString());
    }

    private static List<string[]> Parse(byte[] bytes)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var csv = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        }

        return rows;
    }

    // Pages of 2, so every file with more than two requests is read in several pages. The test system's
    // export pseudonym key unless told otherwise (null: none, in the Production environment).
    private Task<TestSystem> StartAsync(int maxRows = 1000, string? pseudonymKey = TestSystem.ExportPseudonymKey) => TestSystem.StartAsync(
        azurite,
        new Dictionary<string, string?>
        {
            ["Ministry:PageSize"] = "2",
            ["Ministry:Exports:MaxRows"] = maxRows.ToString(CultureInfo.InvariantCulture),
            ["Ministry:Exports:PseudonymKey"] = pseudonymKey,
        },
        services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Noon)));

    private static string Day(DateTimeOffset at) => at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

}
