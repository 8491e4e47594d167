using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>The NGO registry API: admin key, validation, create/replace, read back.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RegistryApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    public static TheoryData<string?> BadKeys => new() { null, string.Empty, "wrong-key", TestSystem.AdminKey.ToUpperInvariant(), TestSystem.AdminKey + "x" };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task EveryRegistryRoute_WithoutTheAdminKey_401AndNothingStored(string? key)
    {
        using var client = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        var put = await client.PutAsJsonAsync("registry/ngos/intruder", ValidBody());
        var get = await client.GetAsync("registry/ngos/intruder");
        var list = await client.GetAsync("registry/ngos");

        Assert.All([put, get, list], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Http.GetAsync("registry/ngos/intruder")).StatusCode);
    }

    [Fact]
    public async Task Put_New_201ThenReplace_200AndReadBackInArabic()
    {
        var created = await _system.Http.PutAsJsonAsync("registry/ngos/idlib-rehab", ValidBody());
        var replaced = await _system.Http.PutAsJsonAsync("registry/ngos/idlib-rehab", ValidBody() with { capacity = 40, active = false });
        var read = await _system.Http.GetFromJsonAsync<JsonObject>("registry/ngos/idlib-rehab");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("idlib-rehab", read!["id"]!.ToString());
        Assert.Equal("جمعية إدلب لإعادة التأهيل", read["name"]!["ar"]!.ToString());
        Assert.Equal(["disability", "health"], read["sectors"]!.AsArray().Select(s => s!.ToString()));
        Assert.Equal(["SY07", "SY0700"], read["coverage"]!.AsArray().Select(s => s!.ToString()));
        Assert.Equal(40, read["capacity"]!.GetValue<int>());
        Assert.False(read["active"]!.GetValue<bool>());
        var all = await _system.Http.GetFromJsonAsync<JsonArray>("registry/ngos");
        Assert.Single(all!);
    }

    [Fact]
    public async Task Put_Invalid_400NamingEachField()
    {
        var response = await _system.Http.PutAsJsonAsync("registry/ngos/Bad_Id", new
        {
            name = new { ar = "", en = "x" },
            sectors = new[] { "health", "magic" },
            coverage = new[] { "SY99" },
            capacity = -1,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["capacity", "coverage", "id", "name.ar", "sectors"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Put_MissingCapacityBadCoverageWrongType_MessagesInArabicNamingTheBadValues()
    {
        var missing = await _system.Http.PutAsJsonAsync("registry/ngos/ok-id", new
        {
            name = new { ar = "جمعية", en = "Association" }, sectors = new[] { "food" }, coverage = new[] { "SY01", "SY99" },
        });
        var wrongType = await _system.Http.PutAsync("registry/ngos/ok-id", new StringContent(
            """{"name":{"ar":"جمعية","en":"Association"},"sectors":["food"],"coverage":["SY01"],"capacity":5,"active":"yes"}""",
            System.Text.Encoding.UTF8, "application/json"));

        var errors = (await missing.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("السعة عدد صحيح من 0 إلى 100000.", errors["capacity"]![0]!.ToString());
        Assert.EndsWith("غير معروف: SY99", errors["coverage"]![0]!.ToString());
        var typeErrors = (await wrongType.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal(["active"], typeErrors.Select(e => e.Key));
    }

    [Fact]
    public async Task Put_EmptySectorsAndCoverage_SayWhatIsMissingNotAnEmptyUnknownList()
    {
        var response = await _system.Http.PutAsJsonAsync("registry/ngos/ok-id?lang=en", new
        {
            name = new { ar = "جمعية", en = "Association" }, sectors = Array.Empty<string>(), coverage = Array.Empty<string>(), capacity = 5,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        Assert.Equal("Give at least one sector from the sector list.", errors["sectors"]![0]!.ToString());
        Assert.Equal("Give at least one P-code, or SY for all of Syria.", errors["coverage"]![0]!.ToString());
        Assert.Single(errors["sectors"]!.AsArray());
    }

    [Fact]
    public async Task Unauthorized_TitleInTheCallersLanguage()
    {
        using var client = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var english = await (await client.GetAsync("registry/ngos")).Content.ReadFromJsonAsync<JsonObject>();
        var arabic = await (await client.GetAsync("registry/ngos?lang=ar")).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal("A valid API key is required in the X-Api-Key header.", english!["title"]!.ToString());
        Assert.Equal("مطلوب مفتاح صالح في الترويسة X-Api-Key.", arabic!["title"]!.ToString());
    }

    [Fact]
    public async Task Get_Unknown_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Http.GetAsync("registry/ngos/nobody-here")).StatusCode);
    }

    private static NgoBody ValidBody() => new(
        new { ar = "جمعية إدلب لإعادة التأهيل", en = "Idlib Rehabilitation Association" }, ["disability", "health"], ["SY07", "SY0700"], 25, true);

    private sealed record NgoBody(object name, string[] sectors, string[] coverage, int capacity, bool active);
}
