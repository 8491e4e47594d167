using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The ministry's monitoring API end to end: who may call it, the request list with filters and
/// paging and without personal data, the audit trail, the coverage matrix, the stats, and the index
/// following every status change.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class MinistryApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string CitizenName = "سعاد الحلبي";
    private const string CitizenPhone = "0944123456";
    private const string Description = "أحتاج إلى دواء للسكري لوالدتي المسنة";
    private const string DeclineNote = "فريقنا مشغول هذا الأسبوع";

    // Noon UTC on the system's clock: "today" of the date filters below is the system's whatever time
    // the suite runs.
    private static readonly DateTimeOffset Noon = new(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);

    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ministry = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(
            azurite,
            new Dictionary<string, string?> { ["Ministry:PageSize"] = "2", ["Sla:MaxAssignments"] = "2" },
            services => services.AddSingleton<TimeProvider>(new FakeTimeProvider(Noon)));
        _driver = new NgoDriver(_system, azurite);
        _ministry = _driver.Client(TestSystem.MinistryKey);
    }

    public async Task DisposeAsync()
    {
        _ministry.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task RequestList_FiltersAndPagesWithoutAnyPersonalData()
    {
        using var ngo = await _driver.NgoAsync("damascus-health", ["health"], ["SY01"]);
        // One citizen each (their own phone): the same phone and sector again would be the open request again, not a new one.
        var health = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            health.Add(await _driver.SubmitAsync(name: CitizenName, phone: $"{CitizenPhone[..^2]}{i:D2}", description: Description));
        }

        var shelter = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            shelter.Add(await _driver.SubmitAsync(sector: "shelter", governorate: "SY14", name: CitizenName, phone: $"{CitizenPhone[..^2]}{i:D2}", description: Description));
        }

        foreach (var code in health)
        {
            await _driver.RoutedToAsync(code, "damascus-health");
        }

        foreach (var code in shelter)
        {
            await _system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);
        }

        var (all, pages, raw) = await ListAllAsync("ministry/requests");
        Assert.Equal(health.Concat(shelter).Order(), all.Select(Canonical).Order());
        Assert.True(pages >= 3, $"5 requests in pages of 2 came in {pages} page(s)");
        Assert.DoesNotContain(CitizenName, raw);
        Assert.DoesNotContain("9441234", raw);
        Assert.DoesNotContain(Description, raw);
        Assert.DoesNotContain("\"name\"", raw);
        Assert.DoesNotContain("\"phone\"", raw);
        Assert.DoesNotContain("\"description\"", raw);

        var (shelterRows, _, _) = await ListAllAsync("ministry/requests?sector=shelter");
        Assert.Equal(shelter.Order(), shelterRows.Select(Canonical).Order());
        Assert.All(shelterRows, r => Assert.Equal("Unroutable", r["status"]!.ToString()));

        var (shelterAnyCase, _, _) = await ListAllAsync("ministry/requests?sector=SHELTER&governorate=sy14");
        Assert.Equal(shelter.Order(), shelterAnyCase.Select(Canonical).Order());

        var (routed, _, _) = await ListAllAsync("ministry/requests?status=routed&governorate=SY01");
        Assert.Equal(health.Order(), routed.Select(Canonical).Order());
        Assert.All(routed, r => Assert.Equal("damascus-health", r["assignedNgoId"]!.ToString()));

        Assert.Empty((await ListAllAsync("ministry/requests?needsAttention=true")).Items);
        var tomorrow = Noon.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty((await ListAllAsync($"ministry/requests?from={tomorrow}&to={tomorrow}")).Items);
        var today = Noon.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(5, (await ListAllAsync($"ministry/requests?from={today}&to={today}")).Items.Count);

        // A token pages the query that returned it: with other filters it is refused, not followed.
        var firstPage = await _ministry.GetFromJsonAsync<JsonObject>("ministry/requests");
        var token = Uri.EscapeDataString(firstPage!["continuationToken"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await _ministry.GetAsync($"ministry/requests?continuationToken={token}")).StatusCode);
        var otherFilters = await _ministry.GetAsync($"ministry/requests?sector=shelter&lang=en&continuationToken={token}");
        Assert.Equal(HttpStatusCode.BadRequest, otherFilters.StatusCode);
        var tokenErrors = (await otherFilters.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["continuationToken"], tokenErrors.Select(e => e.Key));
        Assert.StartsWith("This continuation token is not valid for these filters.", tokenErrors["continuationToken"]![0]!.ToString());

        var bad = await _ministry.GetAsync("ministry/requests?status=lost&from=yesterday&needsAttention=maybe&continuationToken=%%%");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["continuationToken", "from", "needsAttention", "status"], errors.Select(e => e.Key).Order());

        var stats = await _ministry.GetFromJsonAsync<JsonObject>("ministry/stats");
        Assert.Equal(5, stats!["total"]!.GetValue<int>());
        Assert.Equal(3, stats["byStatus"]!["Routed"]!.GetValue<int>());
        Assert.Equal(2, stats["unroutableBacklog"]!.GetValue<int>());
        Assert.Equal(0, stats["needsAttentionBacklog"]!.GetValue<int>());
        var shelterStats = await _ministry.GetFromJsonAsync<JsonObject>("ministry/stats?sector=shelter&governorate=SY14");
        Assert.Equal(2, shelterStats!["total"]!.GetValue<int>());
        Assert.Equal(0, shelterStats["byStatus"]!["Routed"]!.GetValue<int>());
    }

    [Fact]
    public async Task AuditTrail_OfADeclinedThenReroutedRequest_IsInOrderWithReasonsButNoNotes()
    {
        using var clinic = await _driver.NgoAsync("damascus-clinic", ["health"], ["SY0100"]);
        using var hospital = await _driver.NgoAsync("damascus-health", ["health"], ["SY01"]);
        var code = await _driver.SubmitAsync(district: "SY0100", name: CitizenName, phone: CitizenPhone);
        await _driver.RoutedToAsync(code, "damascus-clinic");
        var declined = await NgoDriver.ActAsync(clinic, code, "decline", new { reason = "out-of-capacity", note = DeclineNote });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        await _driver.RoutedToAsync(code, "damascus-health");

        var response = await _ministry.GetAsync($"ministry/requests/{code}/events");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = await response.Content.ReadAsStringAsync();
        var trail = JsonNode.Parse(raw)!.AsObject();

        var events = trail["events"]!.AsArray();
        Assert.Equal(["Submitted", "Routed", "Declined", "Routed"], events.Select(e => e!["type"]!.ToString()));
        Assert.Equal([1, 2, 3, 4], events.Select(e => e!["sequence"]!.GetValue<int>()));
        Assert.Equal("router", events[1]!["actor"]!.ToString());
        Assert.Equal("damascus-clinic", events[1]!["ngoId"]!.ToString());
        Assert.Equal("ngo:damascus-clinic", events[2]!["actor"]!.ToString());
        Assert.Equal("damascus-health", events[3]!["ngoId"]!.ToString());
        Assert.All(events, e => Assert.NotNull(e!["at"]));

        var assignments = trail["assignments"]!.AsArray();
        Assert.Equal(["damascus-clinic:Declined", "damascus-health:Pending"], assignments.Select(a => $"{a!["ngoId"]}:{a["state"]}"));
        Assert.Equal("out-of-capacity", assignments[0]!["declineReason"]!.ToString());
        Assert.Equal("District", assignments[0]!["coverageLevel"]!.ToString());
        Assert.NotNull(assignments[0]!["routingReason"]);
        Assert.Contains("declined-before", assignments[1]!["routingReason"]!.ToJsonString());

        Assert.DoesNotContain(DeclineNote, raw);
        Assert.DoesNotContain(CitizenName, raw);
        Assert.DoesNotContain("944123456", raw);
        Assert.DoesNotContain(Description, raw);

        Assert.Equal(HttpStatusCode.NotFound, (await _ministry.GetAsync("ministry/requests/ABCDE-FGHJK/events")).StatusCode);
    }

    [Fact]
    public async Task Coverage_ShelterInQuneitraWithDemandAndNoNgo_IsTheOnlyGap()
    {
        await _system.PutNgoAsync("damascus-clinic", ["health"], ["SY0100"]);
        await _system.PutNgoAsync("quneitra-shelter", ["shelter"], ["SY14"], active: false);
        await _system.PutNgoAsync("aleppo-shelter", ["shelter"], ["SY02"]);
        await _system.PutNgoAsync("national-food", ["food"], ["SY"]);
        var code = await _driver.SubmitAsync(sector: "shelter", governorate: "SY14");
        await _system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);

        var matrix = await _ministry.GetFromJsonAsync<JsonObject>("ministry/coverage");

        var cells = matrix!["cells"]!.AsArray().ToDictionary(c => $"{c!["sector"]}/{c["governorate"]}", c => c!.AsObject());
        Assert.Equal(9 * 14, cells.Count);
        var gap = cells["shelter/SY14"];
        Assert.Empty(gap["ngos"]!.AsArray());
        Assert.Equal(1, gap["unroutable"]!.GetValue<int>());
        Assert.True(gap["gap"]!.GetValue<bool>());
        Assert.Equal(1, matrix["gaps"]!.GetValue<int>());
        Assert.Equal(["shelter/SY14"], cells.Where(c => c.Value["gap"]!.GetValue<bool>()).Select(c => c.Key));

        Assert.Equal(["damascus-clinic"], cells["health/SY01"]["ngos"]!.AsArray().Select(n => n!.ToString()));
        Assert.Empty(cells["health/SY14"]["ngos"]!.AsArray());
        Assert.False(cells["health/SY14"]["gap"]!.GetValue<bool>());
        Assert.Equal(["national-food"], cells["food/SY14"]["ngos"]!.AsArray().Select(n => n!.ToString()));
        Assert.Equal(["aleppo-shelter"], cells["shelter/SY02"]["ngos"]!.AsArray().Select(n => n!.ToString()));
    }

    [Fact]
    public async Task CoverageExport_CsvWithBomHxlRowArabicNamesAndSmallCellsSuppressed()
    {
        var quneitra = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _driver.SubmitAsync(sector: "shelter", governorate: "SY14")));
        var daraa = await _driver.SubmitAsync(sector: "shelter", governorate: "SY12");
        foreach (var code in quneitra.Append(daraa))
        {
            await _system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);
        }

        var response = await _ministry.GetAsync("ministry/exports/coverage.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var anonymous = new HttpClient { BaseAddress = _system.Http.BaseAddress };

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(System.Text.Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var csv = new CsvHelper.CsvReader(new StringReader(System.Text.Encoding.UTF8.GetString(bytes[3..])), System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        }

        Assert.Equal("sector_code", rows[0][2]);
        Assert.Equal("#sector+code", rows[1][2]);
        Assert.Equal(2 + (9 * 14), rows.Count);
        var shelterQuneitra = rows.Single(r => r[2] == "shelter" && r[5] == "SY14");
        Assert.Equal(["المأوى", "القنيطرة", "6", "6", "yes"], new[] { shelterQuneitra[3], shelterQuneitra[6], shelterQuneitra[9], shelterQuneitra[10], shelterQuneitra[11] });
        Assert.Equal(["<5", "<5", "yes"], rows.Single(r => r[2] == "shelter" && r[5] == "SY12")[9..12]);
        Assert.Equal(["0", "0", "no"], rows.Single(r => r[2] == "health" && r[5] == "SY01")[9..12]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("ministry/exports/coverage.csv")).StatusCode);
    }

    [Fact]
    public async Task Index_FollowsTheRouterAndTheNgoAcceptance_AndNeverGoesBackwards()
    {
        using var ngo = await _driver.NgoAsync("damascus-health", ["health"], ["SY01"]);
        var code = await _driver.SubmitAsync();
        await _driver.RoutedToAsync(code, "damascus-health");

        var routed = await IndexRowAsync(code);
        Assert.Equal("Routed", routed.Status);
        Assert.Equal("damascus-health", routed.AssignedNgoId);
        Assert.Equal((await _driver.RequestAsync(code)).EventCount, routed.EventCount);

        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, "accept")).StatusCode);
        var request = await _driver.RequestAsync(code);
        var accepted = await IndexRowAsync(code);
        Assert.Equal("Accepted", accepted.Status);
        Assert.Equal(request.EventCount, accepted.EventCount);
        Assert.Equal(request.UpdatedAt, accepted.UpdatedAt);
        var listed = await _ministry.GetFromJsonAsync<JsonObject>("ministry/requests?status=Accepted");
        Assert.Equal([code], listed!["items"]!.AsArray().Select(i => Canonical(i!.AsObject())));

        // A late write of an older state (a retry that lost the race) leaves the newer row alone.
        request.Status = "Routed";
        request.EventCount -= 1;
        await _system.App.Services.GetRequiredService<RequestIndex>().UpsertAsync(request, isNew: false, CancellationToken.None);
        Assert.Equal("Accepted", (await IndexRowAsync(code)).Status);
    }

    private static string Canonical(JsonObject item) => item["trackingCode"]!.ToString().Replace("-", string.Empty);

    private async Task<RequestIndexEntity> IndexRowAsync(string code)
    {
        var rows = new List<RequestIndexEntity>();
        await foreach (var row in _system.RequestIndex.QueryAsync<RequestIndexEntity>(TableClient.CreateQueryFilter($"RowKey eq {code}")))
        {
            rows.Add(row);
        }

        return Assert.Single(rows);
    }

    private async Task<(List<JsonObject> Items, int Pages, string Raw)> ListAllAsync(string url)
    {
        var items = new List<JsonObject>();
        var raw = new System.Text.StringBuilder();
        string? token = null;
        var pages = 0;
        do
        {
            var separator = url.Contains('?') ? '&' : '?';
            var response = await _ministry.GetAsync(token is null ? url : $"{url}{separator}continuationToken={Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            raw.Append(text);
            var page = JsonNode.Parse(text)!.AsObject();
            var pageItems = page["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
            Assert.True(pageItems.Count <= 2, $"a page of {pageItems.Count}");
            items.AddRange(pageItems);
            token = page["continuationToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null && pages < 50);

        return (items, pages, raw.ToString());
    }
}
