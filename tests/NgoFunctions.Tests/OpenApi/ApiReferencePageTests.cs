using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.OpenApi;

/// <summary>The API reference page (<c>GET /api/docs</c>) through the worker process: its files and headers,
/// and, in headless Chromium (Debian's, driven by Playwright), Swagger UI drawing every operation of the
/// served OpenAPI document under an Arabic (right-to-left) or English header, with no console error (a
/// Content-Security-Policy violation is one) and no request leaving this origin. Leaves screenshots in
/// <c>artifacts/</c>.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ApiReferencePageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";
    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];
    private readonly Texts _texts = new();
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Files_ServedWithTheirTypesAndPolicy_OthersNotFound()
    {
        var page = await _system.Http.GetAsync("docs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);

        foreach (var (asset, type) in new[] { ("swagger-ui-bundle.js", "text/javascript"), ("swagger-ui.css", "text/css"), ("api-reference.js", "text/javascript"), ("swagger-ui-bundle.js.LICENSE.txt", "text/plain") })
        {
            var file = await _system.Http.GetAsync($"docs/{asset}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal(type, file.Content.Headers.ContentType?.MediaType);
            Assert.True((await file.Content.ReadAsByteArrayAsync()).Length > 100, asset);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await _system.Http.GetAsync("docs/swagger-initializer.js")).StatusCode);
    }

    // Asked for with a trailing slash too: the page names its files from the root, so it draws either way.
    [Theory]
    [InlineData("docs", "ar", "rtl")]
    [InlineData("docs/", "en", "ltr")]
    public async Task Page_DrawsEveryOperationOfTheServedDocument_InThePagesLanguage(string path, string language, string direction)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run ./test.sh (it installs Debian's chromium) or set CHROMIUM_PATH.");
        var document = JsonNode.Parse(await _system.Http.GetStringAsync("openapi.json"))!.AsObject();
        // Swagger UI draws the operations of the top-level `webhooks` (what this API sends to NGOs) beside the paths'.
        var operations = new[] { "paths", "webhooks" }
            .Sum(section => document[section]?.AsObject().Sum(path => path.Value!.AsObject().Count(o => HttpMethods.Contains(o.Key))) ?? 0);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
        });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var requested = new List<string>();
        context.Request += (_, r) => { lock (requested) { requested.Add(r.Url); } };
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.PageError += (_, e) => { lock (problems) { problems.Add("page error: " + e); } };
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                lock (problems) { problems.Add($"{r.Status} {r.Url}"); }
            }
        };
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                lock (problems) { problems.Add($"console: {m.Text} at {m.Location}"); }
            }
        };

        var url = new Uri(_system.Http.BaseAddress!, $"{path}?lang={language}");
        await page.GotoAsync(url.ToString());

        Assert.Equal(direction, await page.GetAttributeAsync("html", "dir"));
        Assert.Equal(_texts.Get("apiReference.title", language == "ar" ? Language.Ar : Language.En), await page.TitleAsync());
        await Assertions.Expect(page.Locator("#reference .opblock")).ToHaveCountAsync(operations, new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#reference .opblock-summary-path", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^/requests$") }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "artifacts", $"api-reference-{language}.png"), FullPage = false });

        lock (problems)
        {
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        lock (requested)
        {
            Assert.All(requested, r => Assert.Equal(url.GetLeftPart(UriPartial.Authority), new Uri(r).GetLeftPart(UriPartial.Authority)));
        }
    }
}
