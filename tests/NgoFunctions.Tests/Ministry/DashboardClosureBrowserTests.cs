using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The dashboard's closure part in headless Chromium (as <see cref="DashboardBrowserTests"/>),
/// against the real API: what citizens answered, with the API's rates, the outcomes by reason in the
/// page's language, and each NGO's confirmed and sent-back rates in the NGO table.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardClosureBrowserTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Ngo = "hama-health";
    private readonly Texts _texts = new();
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task ClosurePart_ShowsTheCitizensAnswersTheOutcomesAndEachNgosRates(string lang)
    {
        Assert.True(File.Exists(DashboardBrowserTests.Chromium), $"{DashboardBrowserTests.Chromium} is missing: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
        var language = lang == "ar" ? Language.Ar : Language.En;

        // Three resolved cases: one confirmed, one sent back (then the NGO's work goes on), one awaiting an answer.
        using var ngo = await _driver.NgoAsync(Ngo, ["health"], ["SY05"], capacity: 5);
        var (confirmed, sentBack, awaiting) = (await ResolvedAsync(ngo, "successful", null), await ResolvedAsync(ngo, "not-successful", "client-refused"), await ResolvedAsync(ngo, "successful", null));
        Assert.Equal(HttpStatusCode.OK, (await _system.Http.PostAsJsonAsync($"requests/{confirmed}/confirmation", new { received = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _system.Http.PostAsJsonAsync($"requests/{sentBack}/confirmation", new { received = false })).StatusCode);
        Assert.Equal("Resolved", (await _driver.RequestAsync(awaiting)).Status);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = DashboardBrowserTests.Chromium, Headless = true, Args = DashboardBrowserTests.ChromiumArgs });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, e) => { lock (errors) { errors.Add(e); } };
        await page.GotoAsync(new Uri(_system.Http.BaseAddress!, $"ministry/dashboard?lang={lang}").ToString());
        await page.GetByTestId("key-input").FillAsync(TestSystem.MinistryKey);
        await page.GetByTestId("key-submit").ClickAsync();
        await page.WaitForSelectorAsync("body[data-state=ready]");

        // One confirmed, one sent back, none closed unanswered: half each, written as the page's language writes a share.
        var (half, none) = (await ShareAsync(page, 0.5), await ShareAsync(page, 0));
        Assert.Contains("50", half, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("closure-awaiting")).ToHaveAttributeAsync("data-value", "1");
        await Assertions.Expect(page.GetByTestId("closure-confirmed")).ToHaveTextAsync($"1 ({half})");
        await Assertions.Expect(page.GetByTestId("closure-unconfirmed")).ToHaveTextAsync($"0 ({none})");
        await Assertions.Expect(page.GetByTestId("closure-disputed")).ToHaveTextAsync($"1 ({half})");
        await Assertions.Expect(page.Locator("#closure-section h2")).ToHaveTextAsync(_texts.Get("dashboard.closure.heading", language));

        // The last outcomes: two successful (the confirmed and the awaiting one), one refused, named as the NGOs' forms name them.
        await Assertions.Expect(page.GetByTestId("outcome-successful")).ToContainTextAsync(_texts.Get("ngo.outcome.successful", language));
        await Assertions.Expect(page.Locator("[data-testid=outcome-successful] td")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("outcome-client-refused")).ToContainTextAsync(_texts.Get("ngo.outcome.reason.client-refused", language));
        await Assertions.Expect(page.Locator("[data-testid=outcome-client-refused] td")).ToHaveTextAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=outcome-other] td")).ToHaveTextAsync("0");

        // The NGO table: its confirmed and sent-back rates, under their headings.
        var headings = await page.Locator("#ngos-table thead th").AllTextContentsAsync();
        var cells = await page.Locator("#ngos-table-body tr").First.Locator("td").AllTextContentsAsync();
        Assert.Equal(half, cells[headings.ToList().IndexOf(_texts.Get("dashboard.ngos.confirmedRate", language))]);
        Assert.Equal(half, cells[headings.ToList().IndexOf(_texts.Get("dashboard.ngos.disputedRate", language))]);
        await page.Locator("#closure-section").ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "artifacts", $"dashboard-closure-{lang}.png") });
        lock (errors)
        {
            Assert.Empty(errors);
        }
    }

    // A share as the page formats it (its locale: Arabic with Latin digits, or British English). Passed as
    // text: a number 0 crosses to the page as -0, which formats as "-0%".
    private static Task<string> ShareAsync(IPage page, double share) => page.EvaluateAsync<string>(
        "s => new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'ar-SY-u-nu-latn', { style: 'percent', maximumFractionDigits: 0 }).format(Number(s))",
        share.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private async Task<string> ResolvedAsync(HttpClient ngo, string outcome, string? reason)
    {
        var code = await _driver.SubmitAsync(sector: "health", governorate: "SY05");
        await _driver.RoutedToAsync(code, Ngo);
        foreach (var action in new[] { "accept", "start" })
        {
            Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, action)).StatusCode);
        }

        object body = reason is null ? new { outcome } : new { outcome, reason };
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(ngo, code, "resolve", body)).StatusCode);
        return code;
    }
}
