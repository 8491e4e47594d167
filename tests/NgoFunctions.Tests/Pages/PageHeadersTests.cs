using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Pages;

/// <summary>Every HTML page (form, its invalid re-render, confirmation, status, status not found, the
/// ministry dashboard, the erasure form's answers) comes with a strict Content-Security-Policy that allows exactly the inline code the
/// page carries (by hash) and nothing inline otherwise, no framing, no referrer, no sniffing; status
/// answers, HTML and JSON, and the confirmation are never stored by a cache.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class PageHeadersTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("hama-food", ["food"], ["SY05"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task EveryPage_StrictPolicyMatchingItsInlineCode_NoFramingNoReferrerNoSniffing()
    {
        var pages = new List<(string Name, HttpResponseMessage Response)>
        {
            ("form ar", await GetHtmlAsync("form")),
            ("form en", await GetHtmlAsync("form?lang=en")),
            ("form invalid", await PostFormAsync(new() { ["sector"] = "weapons", ["language"] = "en" })),
        };
        var confirmation = await PostFormAsync(new()
        {
            ["sector"] = "food", ["governorate"] = "SY05", ["description"] = "نحتاج إلى سلة غذائية لأسرة من خمسة", ["consent"] = "true", ["language"] = "ar",
        });
        var code = new Uri(confirmation.Headers.Location!.ToString()).Segments[^1];
        pages.Add(("confirmation", confirmation));
        pages.Add(("status", await GetHtmlAsync($"requests/{code}")));
        pages.Add(("status not found", await GetHtmlAsync("requests/ZZZZZ-ZZZZZ")));
        pages.Add(("dashboard", await GetHtmlAsync("ministry/dashboard")));
        pages.Add(("erasure unconfirmed", await PostFormAsync(new(), $"requests/{code}/personal-data/erase")));
        pages.Add(("erased", await PostFormAsync(new() { ["confirm"] = "yes" }, $"requests/{code}/personal-data/erase")));
        pages.Add(("erasure not found", await PostFormAsync(new() { ["confirm"] = "yes" }, "requests/ZZZZZ-ZZZZZ/personal-data/erase")));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK,
            HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.NotFound], pages.Select(p => p.Response.StatusCode));
        foreach (var (name, response) in pages)
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            var policy = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
            Assert.True(policy["default-src"] == "'none'", $"{name}: default-src {policy.GetValueOrDefault("default-src")}");
            Assert.True(policy["frame-ancestors"] == "'none'", name);
            Assert.True(policy["base-uri"] == "'none'", name);
            Assert.DoesNotContain(policy.Values, v => v.Contains("unsafe", StringComparison.Ordinal) || v.Contains('*'));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));

            // Inline code runs only when the policy names its hash; attributes that would run code or
            // style inline cannot be allowed by hash at all, so there must be none.
            Assert.DoesNotMatch(InlineHandlerOrStyle(), html);
            foreach (Match script in InlineScript().Matches(html))
            {
                Assert.Contains(Hash(script.Groups["body"].Value), policy.GetValueOrDefault("script-src", string.Empty).Split(' '));
            }

            foreach (Match style in InlineStyle().Matches(html))
            {
                Assert.Contains(Hash(style.Groups["body"].Value), policy.GetValueOrDefault("style-src", string.Empty).Split(' '));
            }
        }

        // The form's script is inline and allowed: the check above ran on something.
        Assert.Matches(InlineScript(), await pages[0].Response.Content.ReadAsStringAsync());
        Assert.Equal("no-store", confirmation.Headers.CacheControl?.ToString());
        Assert.All(pages.Where(p => p.Name.StartsWith("erase", StringComparison.Ordinal)), p => Assert.Equal("no-store", p.Response.Headers.CacheControl?.ToString()));
    }

    [Fact]
    public async Task StatusAnswers_HtmlAndJson_FoundOrNot_NeverStored()
    {
        var submitted = await _system.Http.PostAsJsonAsync("requests", new { sector = "food", governorate = "SY05", description = "نحتاج إلى سلة غذائية لأسرة من خمسة", consent = true });
        var code = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();

        var answers = new[]
        {
            await _system.Http.GetAsync($"requests/{code}"),
            await _system.Http.GetAsync("requests/ZZZZZ-ZZZZZ"),
            await GetHtmlAsync($"requests/{code}"),
            await GetHtmlAsync("requests/ZZZZZ-ZZZZZ"),
        };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.OK, HttpStatusCode.NotFound], answers.Select(a => a.StatusCode));
        Assert.All(answers, a => Assert.True(a.Headers.CacheControl?.NoStore, $"{a.RequestMessage!.RequestUri}: Cache-Control {a.Headers.CacheControl}"));
    }

    private async Task<HttpResponseMessage> GetHtmlAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        return await _system.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostFormAsync(Dictionary<string, string> fields, string path = "requests")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.ParseAdd("text/html");
        return await _system.Http.SendAsync(request);
    }

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);

    private static string Hash(string content) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)))}'";

    // A <script> without src that the browser would run (a JSON data block is not run, so not counted).
    [GeneratedRegex(@"<script(?![^>]*\bsrc=)(?![^>]*type=""application/json"")[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"<style[^>]*>(?<body>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex InlineStyle();

    [GeneratedRegex(@"<[^>]+\s(on[a-z]+|style)\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex InlineHandlerOrStyle();
}
