using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;
using Xunit.Abstractions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The ministry dashboard in headless Chromium (Debian's <c>/usr/bin/chromium</c>, driven by
/// Playwright; no browser is downloaded): the key prompt, the totals against the API's own answers,
/// the gap in the heat map, the audit trail of a backlog request, both directions, and no request
/// leaving this machine. Leaves a full-page screenshot in <c>artifacts/</c>.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardBrowserTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>The browser: <c>CHROMIUM_PATH</c>, else Debian's (test.sh installs it when missing).</summary>
    internal static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    internal static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly Texts _texts = new();
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _ministry = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        _ministry = _driver.Client(TestSystem.MinistryKey);
    }

    public async Task DisposeAsync()
    {
        _ministry.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Dashboard_ShowsTheApiFigures_TheGap_AndABacklogAuditTrail_InArabicAndEnglish()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");

        // Seed: three routed health requests in Damascus (one with Arabic name and description), two
        // shelter requests in Quneitra that no NGO covers (Unroutable: a gap).
        await _system.PutNgoAsync("damascus-health", ["health"], ["SY01"]);
        var routed = new List<string>
        {
            await _driver.SubmitAsync(name: "سعاد الحلبي", description: "أحتاج إلى دواء للسكري لوالدتي المسنة"),
            await _driver.SubmitAsync(description: "Need insulin for my mother"),
            await _driver.SubmitAsync(),
        };
        var unroutable = new List<string>
        {
            await _driver.SubmitAsync(sector: "shelter", governorate: "SY14"),
            await _driver.SubmitAsync(sector: "shelter", governorate: "SY14", description: "نحتاج إلى مأوى بعد تضرر منزلنا"),
        };
        foreach (var code in routed)
        {
            await _driver.RoutedToAsync(code, "damascus-health");
        }

        foreach (var code in unroutable)
        {
            await _system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);
        }

        var stats = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/stats"))!;
        var coverage = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/coverage"))!;
        Assert.Equal(5, stats["total"]!.GetValue<int>());
        Assert.True(coverage["gaps"]!.GetValue<int>() >= 1);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var requested = new List<string>();
        context.Request += (_, r) => { lock (requested) { requested.Add(r.Url); } };
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, e) => { lock (problems) { problems.Add("page error: " + e); } };
        page.Console += (_, m) =>
        {
            // 401 (the wrong key) and 404 (an API not there yet) are answers the page handles.
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (problems) { problems.Add("console: " + m.Text); }
            }
        };

        var dashboard = new Uri(_system.Http.BaseAddress!, "ministry/dashboard").ToString();
        await page.GotoAsync(dashboard);

        // Arabic, right to left; a wrong key gets the localized error and is not kept.
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("ar", await page.GetAttributeAsync("html", "lang"));
        await page.GetByTestId("key-input").FillAsync("wrong-key");
        await page.GetByTestId("key-submit").ClickAsync();
        var keyError = page.GetByTestId("key-error");
        await Assertions.Expect(keyError).ToBeVisibleAsync();
        await Assertions.Expect(keyError).ToHaveTextAsync(_texts.Get("dashboard.error.key", Language.Ar));
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('ngo-functions.ministry-key')"));

        // The right key: the totals are the API's.
        await page.GetByTestId("key-input").FillAsync(TestSystem.MinistryKey);
        await page.GetByTestId("key-submit").ClickAsync();
        await page.WaitForSelectorAsync("body[data-state=ready]");
        await AssertTotalsAsync(page, stats, coverage);
        Assert.DoesNotContain(TestSystem.MinistryKey, page.Url);
        Assert.Empty(await context.CookiesAsync());
        Assert.Equal(TestSystem.MinistryKey, await page.EvaluateAsync<string?>("() => sessionStorage.getItem('ngo-functions.ministry-key')"));
        lock (requested)
        {
            Assert.DoesNotContain(requested, u => u.Contains(TestSystem.MinistryKey, StringComparison.Ordinal));
        }

        // The heat map marks the gap, with Arabic names from the reference data.
        var locations = _system.App.Services.GetRequiredService<LocationCatalogue>();
        var sectors = _system.App.Services.GetRequiredService<SectorCatalogue>();
        var gap = page.Locator("#heatmap td[data-sector=shelter][data-governorate=SY14]");
        await Assertions.Expect(gap).ToHaveAttributeAsync("data-gap", "true");
        await Assertions.Expect(gap).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bgap\b"));
        await Assertions.Expect(gap).ToHaveAttributeAsync("data-unroutable", "2");
        await Assertions.Expect(page.Locator("#heatmap thead")).ToContainTextAsync(locations.Find("SY14")!.Name.In(Language.Ar));
        await Assertions.Expect(page.Locator("#heatmap tbody")).ToContainTextAsync(sectors.Find("shelter")!.Name.In(Language.Ar));
        var gapCells = await page.Locator("#heatmap td[data-gap=true]").CountAsync();
        Assert.Equal(coverage["gaps"]!.GetValue<int>(), gapCells);

        // The NGO table: one row per registered NGO, as GET /api/ministry/ngos answers it.
        var ngos = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/ngos"))!["ngos"]!.AsArray();
        var ngoRows = page.Locator("#ngos-table-body tr");
        await Assertions.Expect(ngoRows).ToHaveCountAsync(ngos.Count);
        var busiest = ngos.OrderByDescending(n => n!["openCases"]!.GetValue<int>()).First()!;
        var busiestRow = ngoRows.Filter(new() { HasText = busiest["name"]!["ar"]!.ToString() });
        await Assertions.Expect(busiestRow).ToHaveCountAsync(1);
        await Assertions.Expect(busiestRow.Locator("td").Nth(3)).ToHaveTextAsync(busiest["openCases"]!.ToString());

        // The Unroutable backlog lists both shelter requests; the NeedsAttention backlog is empty.
        var codes = page.Locator("#backlog-unroutable-body [data-testid=backlog-code]");
        await Assertions.Expect(codes).ToHaveCountAsync(2);
        var shown = (await codes.AllInnerTextsAsync()).Select(c => c.Replace("-", string.Empty, StringComparison.Ordinal)).Order().ToList();
        Assert.Equal(unroutable.Order(), shown);
        await Assertions.Expect(page.GetByTestId("backlog-attention-empty")).ToHaveTextAsync(_texts.Get("dashboard.backlog.empty", Language.Ar));

        var screenshot = Path.Combine(RepositoryPaths.Root, "artifacts", "dashboard-ar.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"Dashboard screenshot: {screenshot}");
        Console.WriteLine($"Dashboard screenshot: {screenshot}");

        // A tracking code opens its audit trail.
        var first = await codes.First.InnerTextAsync();
        await codes.First.ClickAsync();
        var panel = page.GetByTestId("audit-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("data-state", "ready");
        await Assertions.Expect(page.Locator("#audit-heading")).ToContainTextAsync(first);
        var trail = (await _ministry.GetFromJsonAsync<JsonObject>($"ministry/requests/{first}/events"))!;
        var events = page.GetByTestId("audit-event");
        await Assertions.Expect(events).ToHaveCountAsync(trail["events"]!.AsArray().Count);
        await Assertions.Expect(events.Last).ToContainTextAsync(_texts.Get("dashboard.status.Unroutable", Language.Ar));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "artifacts", "dashboard-audit-ar.png"), FullPage = true });
        await page.GetByTestId("audit-close").ClickAsync();
        await Assertions.Expect(panel).ToBeHiddenAsync();

        // A CSV export downloads with the key, as a file.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-coverage.csv").ClickAsync());
        Assert.StartsWith("coverage-", download.SuggestedFilename, StringComparison.Ordinal);
        var csv = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv");
        await download.SaveAsAsync(csv);
        try
        {
            Assert.Contains("#sector+code", await File.ReadAllTextAsync(csv));
        }
        finally
        {
            File.Delete(csv);
        }

        // A sector filter asks the API again: the totals are the filtered stats', the map keeps one row.
        var shelterStats = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/stats?sector=shelter"))!;
        await page.GetByTestId("filter-sector").SelectOptionAsync("shelter");
        await page.GetByTestId("filter-apply").ClickAsync();
        await Assertions.Expect(page.GetByTestId("total-requests")).ToHaveAttributeAsync("data-value", shelterStats["total"]!.ToString());
        await page.WaitForSelectorAsync("body[data-state=ready]");
        await Assertions.Expect(page.Locator("#heatmap tbody tr")).ToHaveCountAsync(1);
        lock (requested)
        {
            Assert.Contains(requested, u => u.Contains("/api/ministry/stats?", StringComparison.Ordinal) && u.Contains("sector=shelter", StringComparison.Ordinal));
        }

        // English: left to right, through the visible switch; the key is still in this tab's session.
        await page.GetByTestId("language-switch").ClickAsync();
        await page.WaitForURLAsync("**/ministry/dashboard?lang=en");
        Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.WaitForSelectorAsync("body[data-state=ready]");
        await AssertTotalsAsync(page, stats, coverage);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(_texts.Get("dashboard.title", Language.En));
        await Assertions.Expect(page.Locator("#heatmap thead")).ToContainTextAsync(locations.Find("SY14")!.Name.In(Language.En));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "artifacts", "dashboard-en.png"), FullPage = true });

        // A wrong key in English gets the English error.
        await page.EvaluateAsync("() => sessionStorage.clear()");
        await page.ReloadAsync();
        await page.GetByTestId("key-input").FillAsync("wrong-key");
        await page.GetByTestId("key-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("key-error")).ToHaveTextAsync(_texts.Get("dashboard.error.key", Language.En));

        // Nothing left this machine, and nothing broke the policy or threw.
        var origin = new Uri(dashboard);
        lock (requested)
        {
            Assert.NotEmpty(requested);
            Assert.All(requested, url =>
            {
                var uri = new Uri(url);
                Assert.True(uri.Scheme is "data" or "blob" || (uri.IsLoopback && uri.Port == origin.Port), $"request to a non-local host: {url}");
            });
        }

        lock (problems)
        {
            Assert.Empty(problems);
        }
    }

    [Fact]
    public async Task Dashboard_DrawsTheFlowTimesCellsAndNgos_OnceTheApiAnswersThem()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        static object ByStatus(int routed, int unroutable) => new
        {
            Submitted = 0, Routed = routed, Accepted = 1, InProgress = 0, Resolved = 1, Closed = 0, Unroutable = unroutable, Cancelled = 0,
        };

        // The shapes the stats and NGO endpoints are growing into, answered in place of the API.
        var stats = JsonSerializer.Serialize(new
        {
            from = yesterday, to = today, sector = (string?)null, governorate = (string?)null, total = 9,
            byStatus = ByStatus(4, 3), unroutableBacklog = 3, needsAttentionBacklog = 1, slaBreaches = 2,
            times = new
            {
                toRouted = new { count = 6, medianSeconds = 42.0, p90Seconds = 95.0 },
                toAccepted = new { count = 2, medianSeconds = 5400.0, p90Seconds = 90000.0 },
                toResolved = new { count = 1, medianSeconds = (double?)null, p90Seconds = (double?)null },
            },
            cells = new[] { new { sector = "health", governorate = "SY01", total = 6, byStatus = ByStatus(4, 0) }, new { sector = "shelter", governorate = "SY14", total = 3, byStatus = ByStatus(0, 3) } },
            days = new[] { new { day = yesterday, total = 4, byStatus = ByStatus(2, 0) }, new { day = today, total = 5, byStatus = ByStatus(2, 3) } },
        });
        var ngos = JsonSerializer.Serialize(new
        {
            ngos = new[]
            {
                new
                {
                ngoId = "damascus-health", name = new { ar = "جمعية الشفاء", en = "Al-Shifa Society" }, active = true, capacity = 10, openCases = 4,
                loadRatio = 0.4, accepted = 3, declined = 1, expired = 2, acceptanceRate = 0.5,
                declineReasons = new Dictionary<string, int> { ["out-of-capacity"] = 1 },
                times = new { toAccept = new { count = 3, medianSeconds = 3600.0, p90Seconds = 7200.0 }, toResolve = new { count = 1, medianSeconds = 172800.0, p90Seconds = 172800.0 } },
                rating = new { count = 2, mean = 4.5 },
                },
            },
        });

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ChromiumArgs });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        await context.RouteAsync(url => new Uri(url).AbsolutePath.EndsWith("/api/ministry/stats", StringComparison.Ordinal), r => r.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = stats }));
        await context.RouteAsync(url => new Uri(url).AbsolutePath.EndsWith("/api/ministry/ngos", StringComparison.Ordinal), r => r.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = ngos }));
        // An export the deployment cannot make yet answers with a problem whose title says why (ExportApiTests holds the API to it).
        const string why = "The request list cannot be exported yet: its pseudonym key is not configured.";
        await context.RouteAsync(url => new Uri(url).AbsolutePath.EndsWith("/api/ministry/exports/requests.csv", StringComparison.Ordinal), r => r.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/problem+json", Body = JsonSerializer.Serialize(new { status = 503, title = why }),
        }));
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => { lock (errors) { errors.Add(e); } };

        await page.GotoAsync(new Uri(_system.Http.BaseAddress!, "ministry/dashboard?lang=en").ToString());
        await page.GetByTestId("key-input").FillAsync(TestSystem.MinistryKey);
        await page.GetByTestId("key-submit").ClickAsync();
        await page.WaitForSelectorAsync("body[data-state=ready]");

        await Assertions.Expect(page.GetByTestId("total-sla-breaches")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("flow-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("flow-chart-empty")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("funnel-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("time-toRouted")).ToContainTextAsync("42 s");
        await Assertions.Expect(page.GetByTestId("time-toAccepted")).ToContainTextAsync("1 h 30 min");
        await Assertions.Expect(page.GetByTestId("time-toAccepted")).ToContainTextAsync("1 d 1 h");
        await Assertions.Expect(page.GetByTestId("time-toResolved")).ToContainTextAsync("—");
        await Assertions.Expect(page.Locator("#heatmap td[data-sector=health][data-governorate=SY01]")).ToHaveAttributeAsync("data-demand", "6");
        await Assertions.Expect(page.Locator("#ngos-table-body tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#ngos-table-body tr")).ToContainTextAsync("Al-Shifa Society");
        await Assertions.Expect(page.Locator("#ngos-table-body tr")).ToContainTextAsync("40%");
        await Assertions.Expect(page.Locator("#ngos-table-body tr")).ToContainTextAsync("4.5 (2)");
        await Assertions.Expect(page.Locator("#ngos-table-body td").Nth(9)).ToHaveTextAsync("1 h");
        await Assertions.Expect(page.Locator("#ngos-table-body td").Nth(10)).ToHaveTextAsync("2 d");
        await Assertions.Expect(page.Locator("#heatmap td[data-sector=food][data-governorate=SY02] .demand")).ToHaveTextAsync("0");
        Assert.True(await page.EvaluateAsync<bool>("() => Chart.getChart('flow-chart').data.datasets.length > 0"));
        await page.GetByTestId("export-requests.csv").ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync($"The download failed (503). {why}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "artifacts", "dashboard-en-figures.png"), FullPage = true });
        lock (errors)
        {
            Assert.Empty(errors);
        }
    }

    private static async Task AssertTotalsAsync(IPage page, JsonObject stats, JsonObject coverage)
    {
        var expected = new Dictionary<string, long>
        {
            ["total-requests"] = stats["total"]!.GetValue<long>(),
            ["total-unroutable"] = stats["unroutableBacklog"]!.GetValue<long>(),
            ["total-needs-attention"] = stats["needsAttentionBacklog"]!.GetValue<long>(),
            ["total-sla-breaches"] = stats["slaBreaches"]!.GetValue<long>(),
            ["total-gaps"] = coverage["gaps"]!.GetValue<long>(),
        };
        foreach (var (testId, value) in expected)
        {
            var total = page.GetByTestId(testId);
            await Assertions.Expect(total).ToHaveAttributeAsync("data-value", value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Assertions.Expect(total).ToHaveTextAsync(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
