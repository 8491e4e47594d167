using System.Net.Http.Json;
using Microsoft.Playwright;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Pages;

/// <summary>The request form in headless Chromium under its Content-Security-Policy: the browser runs
/// the form's inline script and applies its inline style (both allowed by hash), reports no violation,
/// and the form posts to this origin and shows the confirmation. The status page's erasure form works
/// with JavaScript off.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FormBrowserTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Form_UnderItsPolicy_ScriptNarrowsDistricts_StyleApplies_PostShowsConfirmation()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        // Failed loads are judged by their responses below (the browser's own favicon.ico request is a 404).
        page.Console += (_, m) =>
        {
            if (!m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                lock (problems) { problems.Add($"{m.Type}: {m.Text}"); }
            }
        };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400 && !r.Url.EndsWith("/favicon.ico", StringComparison.Ordinal))
            {
                lock (problems) { problems.Add($"{r.Status} {r.Url}"); }
            }
        };
        page.PageError += (_, e) => { lock (problems) { problems.Add("page error: " + e); } };

        await page.GotoAsync(new Uri(_system.Http.BaseAddress!, "form?lang=en").ToString());
        await page.EvaluateAsync("() => document.addEventListener('securitypolicyviolation', e => console.error('csp ' + e.violatedDirective))");

        // The inline style sheet applied (the page's background), and the inline script ran: choosing
        // Hama leaves only Hama's districts to choose from.
        Assert.Equal("rgb(245, 247, 247)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor"));
        await page.SelectOptionAsync("#governorate", "SY05");
        var shown = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#district optgroup')].filter(g => !g.hidden).map(g => g.dataset.governorate)");
        Assert.Equal(["SY05"], shown);

        await page.SelectOptionAsync("#sector", "food");
        await page.FillAsync("#description", "We need a food basket for a family of five");
        await page.CheckAsync("input[name=consent]");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("#tracking-code");

        Assert.Empty(problems);
    }

    [Fact]
    public async Task ErasureForm_WithoutJavaScript_BoxRequired_ThenErasedPage_BackToTheStatus()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
        var submitted = await _system.Http.PostAsJsonAsync("requests", new { sector = "food", governorate = "SY05", description = "نحتاج إلى سلة غذائية لأسرة من خمسة", phone = "0944123456", consent = true });
        var status = submitted.Headers.Location!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
        var page = await browser.NewPageAsync(new() { JavaScriptEnabled = false });
        var posts = new List<string>();
        page.Request += (_, r) => { if (r.Method == "POST") { lock (posts) { posts.Add(r.Url); } } };
        page.PageError += (_, e) => { lock (posts) { posts.Add("page error: " + e); } };

        await page.GotoAsync(status.ToString());

        // The box is required: the browser itself keeps the form until it is ticked.
        await page.ClickAsync("#erase button[type=submit]");
        Assert.Equal(status.ToString(), page.Url);
        Assert.Empty(posts);
        await page.CheckAsync("#erase input[name=confirm]");
        await page.ClickAsync("#erase button[type=submit]");
        await page.WaitForSelectorAsync("#erased");
        Assert.Equal(status + "/personal-data/erase?lang=ar", page.Url);
        Assert.Equal("حذفنا بياناتك الشخصية", await page.TextContentAsync("h1"));

        await page.ClickAsync("#back");
        await page.WaitForURLAsync(status + "?lang=ar");
        Assert.Equal("حُذفت بياناتك الشخصية من هذا الطلب", await page.TextContentAsync("#erased"));
        Assert.Equal([status + "/personal-data/erase?lang=ar"], posts);
    }
}
