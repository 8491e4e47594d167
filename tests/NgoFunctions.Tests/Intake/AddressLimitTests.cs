using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Privacy;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Intake;

/// <summary>The per-address limit (<c>IntakeLimits:PerAddress</c> submissions in any
/// <c>IntakeLimits:WindowSeconds</c>), counted in Table Storage so that every instance enforces one limit:
/// over it, 429 problem+json with <c>Retry-After</c> and nothing stored. The client address is the
/// connection's, or the first of the configured forwarded-for header's; no header is trusted unless
/// configured. Rows hold a keyed hash of the address, never the address.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AddressLimitTests(AzuriteFixture azurite)
{
    // The defaults: TestSystem raises the limit for every other test, which all come from 127.0.0.1.
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["IntakeLimits:PerAddress"] = "5",
        ["IntakeLimits:WindowSeconds"] = "600",
    };

    [Fact]
    public async Task SixthSubmissionFromOneAddressInTheWindow_429WithRetryAfter_NothingStored_AcceptedOnceTheWindowMoves()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSystem.StartAsync(azurite, Defaults, services => services.AddSingleton<TimeProvider>(clock));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(system, "ar")).StatusCode);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var sixth = await SubmitAsync(system, "en");

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal("application/problem+json", sixth.Content.Headers.ContentType!.MediaType);
        // The first of the five leaves the window 600 s after it came, 50 s ago.
        Assert.Equal(TimeSpan.FromSeconds(550), sixth.Headers.RetryAfter!.Delta);
        var problem = (await sixth.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("We received many requests from this connection in a short time. Please try again in a few minutes.", problem["title"]!.ToString());
        Assert.Equal("address", problem["limit"]!.ToString());
        var arabic = (await (await SubmitAsync(system, "ar")).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.StartsWith("وصلتنا طلبات كثيرة من هذا الاتصال", arabic["title"]!.ToString());
        Assert.Equal(5, await StoredRequestsAsync(system));

        clock.Advance(TimeSpan.FromSeconds(551));
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(system, "ar")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(system, "ar")).StatusCode);
        Assert.Equal(6, await StoredRequestsAsync(system));
    }

    [Fact]
    public async Task FormInABrowser_OverTheLimit_TheFormAgainSayingSo_429()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?>(Defaults) { ["IntakeLimits:PerAddress"] = "1" });
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(system, "ar")).StatusCode);

        using var post = new HttpRequestMessage(HttpMethod.Post, "requests")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sector"] = "food", ["governorate"] = "SY02", ["description"] = "عائلة من ستة أفراد بحاجة إلى سلة غذائية", ["consent"] = "on", ["language"] = "ar",
            }),
        };
        post.Headers.Accept.ParseAdd("text/html");
        var page = await system.Http.SendAsync(post);

        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.NotNull(page.Headers.RetryAfter);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("وصلتنا طلبات كثيرة من هذا الاتصال", html);
        Assert.Contains("عائلة من ستة أفراد بحاجة إلى سلة غذائية", html);
        Assert.Equal(1, await StoredRequestsAsync(system));
    }

    [Fact]
    public async Task ForwardedForHeader_IgnoredUnlessConfigured()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?>(Defaults) { ["IntakeLimits:PerAddress"] = "2" });

        // Each claims another address: a client can say anything in a header nobody configured.
        var answers = new List<HttpStatusCode>();
        foreach (var address in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            answers.Add((await SubmitAsync(system, "ar", ("X-Forwarded-For", address))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task ForwardedForHeader_WhenConfigured_ItsFirstAddressCounts_StoredAsAKeyedHashOnly()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?>(Defaults)
        {
            ["IntakeLimits:PerAddress"] = "2",
            ["IntakeLimits:ForwardedForHeader"] = "X-Forwarded-For",
        });

        var first = await SubmitAsync(system, "ar", ("X-Forwarded-For", "203.0.113.7"));
        var second = await SubmitAsync(system, "ar", ("X-Forwarded-For", "203.0.113.7:51000, 10.0.0.4"));
        var third = await SubmitAsync(system, "ar", ("X-Forwarded-For", "203.0.113.7"));
        var other = await SubmitAsync(system, "ar", ("X-Forwarded-For", "198.51.100.9"));
        var connection = await SubmitAsync(system, "ar");

        Assert.Equal(
            [HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.Accepted, HttpStatusCode.Accepted],
            new[] { first, second, third, other, connection }.Select(r => r.StatusCode));
        var rows = await AddressRowsAsync(system);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Matches("^a-[0-9a-f]{32}$", r.PartitionKey));
        Assert.DoesNotContain(rows.SelectMany(r => r.Select(p => p.Value).OfType<string>().Append(r.PartitionKey)),
            v => v.Contains("203.0.113", StringComparison.Ordinal) || v.Contains("198.51.100", StringComparison.Ordinal) || v.Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoInstancesOnOneStorage_OneSharedLimit()
    {
        var settings = new Dictionary<string, string?>(Defaults) { ["IntakeLimits:PerAddress"] = "3" };
        await using var first = await TestSystem.StartAsync(azurite, settings);
        await using var second = await TestSystem.StartAsync(azurite, settings, sharing: first.Names);

        var answers = new List<HttpStatusCode>();
        foreach (var system in new[] { first, second, first, second, first })
        {
            answers.Add((await SubmitAsync(system, "ar")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(3, await StoredRequestsAsync(first));
    }

    [Fact]
    public async Task RetentionSweep_DeletesTheRowsOfAddressesIdleForAWindow()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var system = await TestSystem.StartAsync(
            azurite, new Dictionary<string, string?>(Defaults) { ["IntakeLimits:ForwardedForHeader"] = "X-Client-IP", ["Retention:Schedule"] = "0 0 0 1 1 *" },
            services => services.AddSingleton<TimeProvider>(clock));
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(system, "ar", ("X-Client-IP", "203.0.113.7"))).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(300));
        Assert.Equal(HttpStatusCode.Accepted, (await SubmitAsync(system, "ar", ("X-Client-IP", "198.51.100.9"))).StatusCode);
        var sweeper = system.App.Services.GetRequiredService<RetentionSweeper>();

        clock.Advance(TimeSpan.FromSeconds(301));
        await sweeper.SweepAsync(CancellationToken.None);

        Assert.Single(await AddressRowsAsync(system));
        clock.Advance(TimeSpan.FromSeconds(300));
        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Empty(await AddressRowsAsync(system));
    }

    private static async Task<HttpResponseMessage> SubmitAsync(TestSystem system, string language, params (string Name, string Value)[] headers)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "requests")
        {
            Content = JsonContent.Create(new
            {
                sector = "food",
                governorate = "SY02",
                description = "عائلة من ستة أفراد بحاجة إلى سلة غذائية",
                consent = true,
                language,
            }),
        };
        foreach (var (name, value) in headers)
        {
            post.Headers.Add(name, value);
        }

        var response = await system.Http.SendAsync(post);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static async Task<int> StoredRequestsAsync(TestSystem system)
    {
        var count = 0;
        await foreach (var _ in system.Requests.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {Keys.RequestRow}"), select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    private static async Task<List<TableEntity>> AddressRowsAsync(TestSystem system)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in system.IntakeGuards.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ge {Keys.AddressWindowsStart} and PartitionKey lt {Keys.AddressWindowsEnd}")))
        {
            rows.Add(row);
        }

        return rows;
    }
}
