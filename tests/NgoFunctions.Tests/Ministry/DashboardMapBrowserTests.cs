using System.Net.Http.Json;
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

/// <summary>The dashboard's map in headless Chromium (as <see cref="DashboardBrowserTests"/>): the page opens
/// on it, Leaflet draws the 14 governorates from this origin's outlines, shades them by demand, hatches a
/// coverage gap and a capacity gap apart, and choosing a governorate (a click, or Enter from the keyboard)
/// filters the whole page to it; in Arabic (right to left) and English. Leaves screenshots in
/// <c>artifacts/</c> (<c>dashboard-map-ar.png</c>, <c>dashboard-map-en.png</c>).</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardMapBrowserTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] Governorates = Enumerable.Range(1, 14).Select(i => $"SY{i:D2}").ToArray();

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
    public async Task Map_DrawsTheFourteenGovernorates_WithTheGaps_AndChoosingOneFiltersThePage_InArabicAndEnglish()
    {
        Assert.True(File.Exists(DashboardBrowserTests.Chromium), $"{DashboardBrowserTests.Chromium} is missing: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");

        // Aleppo: one food NGO with one place and two food requests (one Routed, one Waitlisted: a capacity
        // gap). Quneitra: two shelter requests no NGO covers (Unroutable: a coverage gap).
        await _system.PutNgoAsync("aleppo-food", ["food"], ["SY02"], capacity: 1);
        var routed = await _driver.SubmitAsync(sector: "food", governorate: "SY02");
        await _driver.RoutedToAsync(routed, "aleppo-food");
        var waiting = await _driver.SubmitAsync(sector: "food", governorate: "SY02");
        await _driver.WaitForAsync(waiting, s => s["status"]?.ToString() == "Waitlisted", "Waitlisted");
        foreach (var description in new[] { "نحتاج إلى مأوى بعد تضرر منزلنا", "Our tent was torn by the storm" })
        {
            var code = await _driver.SubmitAsync(sector: "shelter", governorate: "SY14", description: description);
            await _system.WaitForStatusAsync(code, "Unroutable", NgoDriver.Within);
        }

        await Eventually.HoldsAsync(
            async () =>
            {
                var coverage = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/coverage"))!;
                return Cell(coverage, "food", "SY02")["waitlisted"]!.GetValue<long>() == 1 && Cell(coverage, "shelter", "SY14")["unroutable"]!.GetValue<long>() == 2;
            },
            TimeSpan.FromSeconds(20),
            "the aggregates count the Waitlisted and the Unroutable requests");
        var all = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/stats"))!["total"]!.GetValue<int>();
        var quneitra = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/stats?governorate=SY14"))!["total"]!.GetValue<int>();
        var aleppo = (await _ministry.GetFromJsonAsync<JsonObject>("ministry/stats?governorate=SY02"))!["total"]!.GetValue<int>();
        Assert.Equal((4, 2, 2), (all, quneitra, aleppo));
        var locations = _system.App.Services.GetRequiredService<LocationCatalogue>();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = DashboardBrowserTests.Chromium, Headless = true, Args = DashboardBrowserTests.ChromiumArgs });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var requested = new List<string>();
        var problems = new List<string>();
        context.Request += (_, r) => { lock (requested) { requested.Add(r.Url); } };
        context.RequestFailed += (_, r) => { lock (problems) { problems.Add($"failed: {r.Url} {r.Failure}"); } };
        context.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                lock (problems) { problems.Add($"{r.Status}: {r.Url}"); }
            }
        };
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => { lock (problems) { problems.Add("page error: " + e); } };
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning")
            {
                lock (problems) { problems.Add($"console {m.Type}: {m.Text}"); }
            }
        };
        var dashboard = new Uri(_system.Http.BaseAddress!, "ministry/dashboard").ToString();

        // Arabic: the page opens on the map, right to left (zoom buttons on the right).
        await page.GotoAsync(dashboard);
        await page.GetByTestId("key-input").FillAsync(TestSystem.MinistryKey);
        await page.GetByTestId("key-submit").ClickAsync();
        await ReadyAsync(page, problems);
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));
        Assert.Equal("map-section", await page.EvaluateAsync<string>("() => document.querySelector('#dashboard section').id"));
        await AssertDrawnAsync(page);
        await Assertions.Expect(page.Locator("#map .leaflet-top.leaflet-right .leaflet-control-zoom")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#map .leaflet-control-attribution")).ToContainTextAsync(_texts.Get("dashboard.map.attribution", Language.Ar));
        await Assertions.Expect(page.GetByTestId("map-selection")).ToHaveTextAsync(_texts.Get("dashboard.map.all", Language.Ar));

        // Shaded by demand, the two gaps hatched apart, a governorate without requests left plain.
        await Assertions.Expect(Governorate(page, "SY02")).ToHaveAttributeAsync("data-demand", "2");
        await Assertions.Expect(Governorate(page, "SY02")).ToHaveAttributeAsync("data-capacity-gap", "true");
        await Assertions.Expect(Governorate(page, "SY02")).ToHaveAttributeAsync("data-gap", "false");
        await Assertions.Expect(Governorate(page, "SY14")).ToHaveAttributeAsync("data-demand", "2");
        await Assertions.Expect(Governorate(page, "SY14")).ToHaveAttributeAsync("data-gap", "true");
        await Assertions.Expect(Governorate(page, "SY05")).ToHaveAttributeAsync("data-demand", "0");
        Assert.NotEqual(await FillOfAsync(page, "SY05"), await FillOfAsync(page, "SY14"));
        Assert.Equal(
            ["url(#hatch-capacity)", "url(#hatch-gap)"],
            (await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.leaflet-gaps-pane svg > g > path')].map(p => p.getAttribute('fill')).filter(f => f !== 'none')")).Order());
        await Assertions.Expect(page.Locator("#map-scale li")).Not.ToHaveCountAsync(0);
        var screenshot = Path.Combine(RepositoryPaths.Root, "artifacts", "dashboard-map-ar.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot });
        output.WriteLine($"Map screenshot: {screenshot}");

        // A click on Quneitra filters the page to it: its stats, its column of the heat map, its backlog.
        await Governorate(page, "SY14").ClickAsync();
        await Assertions.Expect(page.GetByTestId("map-selection")).ToHaveAttributeAsync("data-governorate", "SY14");
        await ReadyAsync(page, problems);
        await Assertions.Expect(page.GetByTestId("filter-governorate")).ToHaveValueAsync("SY14");
        await Assertions.Expect(page.GetByTestId("total-requests")).ToHaveAttributeAsync("data-value", quneitra.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(["SY14"], (await page.Locator("#heatmap td[data-governorate]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.governorate)")).Distinct());
        await Assertions.Expect(page.Locator("#backlog-unroutable-body [data-testid=backlog-code]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("map-selection")).ToHaveTextAsync(_texts.Get("dashboard.map.showing", Language.Ar).Replace("{0}", locations.Find("SY14")!.Name.In(Language.Ar), StringComparison.Ordinal));
        await Assertions.Expect(Governorate(page, "SY14")).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(page.GetByTestId("map-clear")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".leaflet-chosen-pane svg > g > path:not([stroke=none])")).ToHaveCountAsync(1);
        await AssertDrawnAsync(page);
        lock (requested)
        {
            Assert.Contains(requested, u => u.Contains("/api/ministry/stats?", StringComparison.Ordinal) && u.Contains("governorate=SY14", StringComparison.Ordinal));
        }

        // The same governorate again shows all; another, then the clear button, too.
        await Governorate(page, "SY14").ClickAsync();
        await Assertions.Expect(page.GetByTestId("map-selection")).ToHaveAttributeAsync("data-governorate", string.Empty);
        await ReadyAsync(page, problems);
        await Assertions.Expect(page.GetByTestId("total-requests")).ToHaveAttributeAsync("data-value", all.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("map-clear")).ToBeHiddenAsync();
        await Governorate(page, "SY02").ClickAsync();
        await Assertions.Expect(page.GetByTestId("total-requests")).ToHaveAttributeAsync("data-value", aleppo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("map-clear").ClickAsync();
        await Assertions.Expect(page.GetByTestId("filter-governorate")).ToHaveValueAsync(string.Empty);
        await Assertions.Expect(page.GetByTestId("total-requests")).ToHaveAttributeAsync("data-value", all.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // English, left to right; Aleppo chosen from the keyboard.
        await page.GotoAsync(dashboard + "?lang=en");
        await ReadyAsync(page, problems);
        Assert.Equal("ltr", await page.GetAttributeAsync("html", "dir"));
        await AssertDrawnAsync(page);
        await Assertions.Expect(page.Locator("#map .leaflet-top.leaflet-left .leaflet-control-zoom")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#map-section h2")).ToHaveTextAsync(_texts.Get("dashboard.map.heading", Language.En));
        await Governorate(page, "SY02").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("map-selection")).ToHaveAttributeAsync("data-governorate", "SY02");
        await ReadyAsync(page, problems);
        await Assertions.Expect(page.GetByTestId("total-requests")).ToHaveAttributeAsync("data-value", aleppo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByTestId("map-selection")).ToHaveTextAsync(_texts.Get("dashboard.map.showing", Language.En).Replace("{0}", locations.Find("SY02")!.Name.In(Language.En), StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#heatmap thead")).ToContainTextAsync(locations.Find("SY02")!.Name.In(Language.En));
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "artifacts", "dashboard-map-en.png") });

        // Nothing left this origin, nothing failed to load, nothing complained.
        var origin = new Uri(dashboard);
        lock (requested)
        {
            Assert.All(requested, url =>
            {
                var uri = new Uri(url);
                Assert.True(uri.Scheme is "data" or "blob" || (uri.IsLoopback && uri.Port == origin.Port), $"request to another origin: {url}");
            });
            Assert.Contains(requested, u => u.Contains("/api/ministry/dashboard/governorates.geojson?v=", StringComparison.Ordinal));
        }

        lock (problems)
        {
            Assert.Empty(problems);
        }
    }

    // Waits for the page to say it is ready; when it never does, says what went wrong in the browser.
    private static async Task ReadyAsync(IPage page, List<string> problems)
    {
        try
        {
            await page.WaitForSelectorAsync("body[data-state=ready]");
        }
        catch (TimeoutException)
        {
            var status = await page.GetByTestId("status").TextContentAsync();
            lock (problems)
            {
                throw new TimeoutException($"The dashboard never got ready; it says \"{status}\"; {string.Join(" | ", problems)}");
            }
        }
    }

    private static ILocator Governorate(IPage page, string pCode) => page.Locator($"#map path[data-governorate={pCode}]");

    private static Task<string> FillOfAsync(IPage page, string pCode) => Governorate(page, pCode).GetAttributeAsync("fill")!;

    // 14 shapes, one per governorate, each drawn with a real extent on the screen.
    private static async Task AssertDrawnAsync(IPage page)
    {
        var shapes = page.GetByTestId("map-governorate");
        await Assertions.Expect(shapes).ToHaveCountAsync(14);
        Assert.Equal(Governorates, (await shapes.EvaluateAllAsync<string[]>("paths => paths.map(p => p.dataset.governorate)")).Order());
        Assert.True(
            await shapes.EvaluateAllAsync<bool>("paths => paths.every(p => { const box = p.getBoundingClientRect(); return box.width > 3 && box.height > 3; })"),
            "a governorate is drawn without an extent");
    }

    private static JsonObject Cell(JsonObject coverage, string sector, string governorate) =>
        coverage["cells"]!.AsArray().Select(c => c!.AsObject())
            .Single(c => c["sector"]!.ToString() == sector && c["governorate"]!.ToString() == governorate);
}
