using System.Net;
using System.Text.RegularExpressions;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The dashboard's page and files without a browser: no key needed, the right content types,
/// a strict Content-Security-Policy with no inline script, Arabic right-to-left by default.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class DashboardEndpointTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _anonymous = new HttpClient { BaseAddress = _system.Http.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Page_NeedsNoKey_IsArabicRightToLeft_UnderAStrictPolicyWithoutInlineScript()
    {
        var response = await _anonymous.GetAsync("ministry/dashboard");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.DoesNotContain("http", policy);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", html);
        Assert.Contains("لوحة متابعة الوزارة", html);
        Assert.Contains("type=\"password\"", html);
        Assert.Contains("href=\"dashboard?lang=en\"", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain(" style=", html);
        Assert.DoesNotContain("test-ministry-key", html);

        // Every script is a file of this origin, except the texts, which are data (never run).
        var scripts = ScriptTag().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(4, scripts.Count);
        Assert.All(scripts, s => Assert.True(
            s.Contains(" src=\"dashboard/", StringComparison.Ordinal) || s.Contains("type=\"application/json\"", StringComparison.Ordinal), s));
        Assert.DoesNotContain("://", string.Concat(AssetUrl().Matches(html).Select(m => m.Groups[1].Value)));

        // Each file the page names answers 200 from the page's own folder.
        foreach (var url in AssetUrl().Matches(html).Select(m => m.Groups[1].Value).Where(u => u.StartsWith("dashboard/", StringComparison.Ordinal)))
        {
            var asset = await _anonymous.GetAsync("ministry/" + WebUtility.HtmlDecode(url));
            Assert.True(asset.StatusCode == HttpStatusCode.OK, $"{url}: {(int)asset.StatusCode}");
        }
    }

    [Fact]
    public async Task Page_InEnglish_IsLeftToRight_AndLinksBackToArabic()
    {
        var html = await _anonymous.GetStringAsync("ministry/dashboard?lang=en");

        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", html);
        Assert.Contains("Ministry dashboard", html);
        Assert.Contains("href=\"dashboard?lang=ar\"", html);
        Assert.Contains("\"dashboard.error.key\":", html);
    }

    [Theory]
    [InlineData("chart.js", "text/javascript", "Chart")]
    [InlineData("dashboard.js", "text/javascript", "sessionStorage")]
    [InlineData("dashboard.css", "text/css", ".heat.gap")]
    [InlineData("leaflet.js", "text/javascript", "Leaflet")]
    [InlineData("leaflet.css", "text/css", ".leaflet-container")]
    [InlineData("leaflet-license.txt", "text/plain", "BSD")]
    [InlineData("governorates.geojson", "application/geo+json", "\"pcode\":\"SY14\"")]
    public async Task Assets_AnswerWithTheirTypeAndALongCache(string name, string mediaType, string expected)
    {
        var response = await _anonymous.GetAsync($"ministry/dashboard/{name}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age=31536000", response.Headers.CacheControl?.ToString());
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ChartJs_IsTheBundledLibrary_AndUnknownAssetsAre404()
    {
        var library = await _anonymous.GetStringAsync("ministry/dashboard/chart.js");
        Assert.Contains("Chart.js v4.", library);
        Assert.True(library.Length > 100_000, $"chart.js has only {library.Length} characters");

        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync("ministry/dashboard/secrets.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync("ministry/dashboard/chart.umd.js")).StatusCode);
    }

    [Fact]
    public async Task Outlines_AreTheFourteenGovernorates_AFractionOfTheStoredFile_NamedByTheirContent()
    {
        var html = await _anonymous.GetStringAsync("ministry/dashboard");
        var url = WebUtility.HtmlDecode(OutlinesUrl().Match(html).Groups[1].Value);
        Assert.Matches(@"^dashboard/governorates\.geojson\?v=[0-9a-f]{12}$", url);

        var response = await _anonymous.GetAsync("ministry/" + url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.InRange(body.Length, 5_000, 60_000);
        using var outlines = System.Text.Json.JsonDocument.Parse(body);
        var codes = outlines.RootElement.GetProperty("features").EnumerateArray()
            .Select(f => f.GetProperty("properties").GetProperty("pcode").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 14).Select(i => $"SY{i:D2}"), codes);
    }

    [GeneratedRegex("data-outlines=\"([^\"]+)\"")]
    private static partial Regex OutlinesUrl();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex AssetUrl();
}
