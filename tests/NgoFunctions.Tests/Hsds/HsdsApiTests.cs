using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Hsds;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Hsds;

/// <summary>The HSDS directory API through the real worker process, without any key: the active NGOs as
/// organizations with stable ids, one service per NGO and sector with its areas' P-codes and live capacity,
/// 404 and 400 as problem+json in the caller's language, and HSDS pages.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HsdsApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private TestSystem _system = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("hsds-clinic", ["health", "food"], ["SY01", "SY0200"], capacity: 5);
        await _system.PutNgoAsync("hsds-school", ["education"], ["SY"], capacity: 3);
        await _system.PutNgoAsync("hsds-closed", ["shelter"], ["SY03"], active: false);
        _anonymous = Anonymous(_system);
    }

    public async Task DisposeAsync()
    {
        _anonymous.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Root_NamesHsds31_AndThisDeploymentsOpenApiDocument()
    {
        var root = await _anonymous.GetFromJsonAsync<JsonObject>("hsds");
        var withSlash = await _anonymous.GetFromJsonAsync<JsonObject>("hsds/");

        Assert.Equal("3.1", root!["version"]!.GetValue<string>());
        Assert.Equal(HsdsApiInfo.ProfileUri, root["profile"]!.GetValue<string>());
        var openApi = new Uri(root["openapi_url"]!.GetValue<string>());
        Assert.Equal(new Uri(_system.Http.BaseAddress!, "openapi.json"), openApi);
        Assert.Equal(root.ToJsonString(), withSlash!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await _anonymous.GetAsync(openApi)).StatusCode);
    }

    [Fact]
    public async Task Organizations_ExactlyTheActiveNgos_WithIdsStableAcrossCallsAndInstances()
    {
        var first = await _anonymous.GetFromJsonAsync<JsonObject>("hsds/organizations");
        var again = await _anonymous.GetFromJsonAsync<JsonObject>("hsds/organizations");
        await using var second = await TestSystem.StartAsync(azurite, sharing: _system.Names);
        using var secondClient = Anonymous(second);
        var elsewhere = await secondClient.GetFromJsonAsync<JsonObject>("hsds/organizations");

        var organizations = first!["contents"]!.AsArray();
        Assert.Equal(2, first["total_items"]!.GetValue<int>());
        Assert.Equal(["NGO hsds-clinic", "NGO hsds-school"], organizations.Select(o => o!["name"]!.GetValue<string>()));
        Assert.Equal(["منظمة hsds-clinic", "منظمة hsds-school"], organizations.Select(o => o!["alternate_name"]!.GetValue<string>()));
        Assert.Equal(
            [HsdsIds.Organization("hsds-clinic").ToString(), HsdsIds.Organization("hsds-school").ToString()],
            organizations.Select(o => o!["id"]!.GetValue<string>()));
        Assert.All(organizations, o => Assert.False(string.IsNullOrEmpty(o!["description"]?.GetValue<string>())));
        Assert.All(organizations, o => Assert.Null(o!["services"]));
        Assert.Equal(first.ToJsonString(), again!.ToJsonString());
        Assert.Equal(first.ToJsonString(), elsewhere!.ToJsonString());
    }

    [Fact]
    public async Task Services_OnePerNgoAndSector_WithAreas_AndCapacityThatFollowsTheLoad()
    {
        var services = (await _anonymous.GetFromJsonAsync<JsonObject>("hsds/services"))!["contents"]!.AsArray();

        Assert.Equal(
            [HsdsIds.Service("hsds-clinic", "health"), HsdsIds.Service("hsds-clinic", "food"), HsdsIds.Service("hsds-school", "education")],
            services.Select(s => Guid.Parse(s!["id"]!.GetValue<string>())));
        Assert.Equal(["Health — NGO hsds-clinic", "Food — NGO hsds-clinic", "Education — NGO hsds-school"], services.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal(["SY01", "SY0200"], Extents(services[0]!));
        Assert.Equal(["Damascus", "Jebel Saman"], services[0]!["service_areas"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()));
        Assert.Equal(["SY"], Extents(services[2]!));
        Assert.Equal((5, 5), Capacity(services[0]!));
        Assert.Equal((3, 3), Capacity(services[2]!));

        var submitted = await _anonymous.PostAsJsonAsync("requests", new
        {
            sector = "health", governorate = "SY01", district = "SY0100", description = "أحتاج إلى دواء للسكري لوالدتي المسنة", consent = true, language = "ar",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var code = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.GetValue<string>();
        await _system.WaitForStatusAsync(code, "Routed", Within);

        var health = await _anonymous.GetFromJsonAsync<JsonObject>($"hsds/services/{HsdsIds.Service("hsds-clinic", "health")}");
        var clinic = await _anonymous.GetFromJsonAsync<JsonObject>($"hsds/organizations/{HsdsIds.Organization("hsds-clinic")}");
        Assert.Equal((4, 5), Capacity(health!));
        // The capacity is the NGO's: its other service has one place fewer too.
        Assert.Equal([(4, 5), (4, 5)], clinic!["services"]!.AsArray().Select(s => Capacity(s!)));
        var updated = DateTimeOffset.Parse(health!["capacities"]![0]!["updated"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(updated, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task UnknownIds_404Problem_InactiveNgosIncluded()
    {
        string[] paths =
        [
            $"hsds/organizations/{Guid.NewGuid()}",
            "hsds/organizations/hsds-clinic",
            $"hsds/organizations/{HsdsIds.Organization("hsds-closed")}",
            $"hsds/services/{Guid.NewGuid()}",
            $"hsds/services/{HsdsIds.Service("hsds-closed", "shelter")}",
            $"hsds/services/{HsdsIds.Service("hsds-clinic", "shelter")}",
        ];

        foreach (var path in paths)
        {
            var response = await _anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        var arabic = await (await _anonymous.GetAsync($"hsds/services/{Guid.NewGuid()}")).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("لا توجد في الدليل خدمة بهذا المعرّف.", arabic!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadPaging_400Problem_InArabicByDefault_AndInEnglishOnAsking()
    {
        var arabic = await _anonymous.GetAsync("hsds/organizations?per_page=0");
        using var english = new HttpRequestMessage(HttpMethod.Get, "hsds/services?per_page=0&page=0");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await _anonymous.SendAsync(english);

        Assert.Equal(HttpStatusCode.BadRequest, arabic.StatusCode);
        Assert.Equal("application/problem+json", arabic.Content.Headers.ContentType!.MediaType);
        var arabicBody = await arabic.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("بعض الحقول تحتاج إلى تصحيح.", arabicBody!["title"]!.GetValue<string>());
        Assert.Equal("عدد النتائج في الصفحة (per_page) عدد صحيح من 1 إلى 200.", arabicBody["errors"]!["per_page"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, inEnglish.StatusCode);
        var englishBody = await inEnglish.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Some fields need correcting.", englishBody!["title"]!.GetValue<string>());
        Assert.Equal(["page", "per_page"], englishBody["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal("The number of results per page (per_page) is a whole number from 1 to 200.", englishBody["errors"]!["per_page"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await _anonymous.GetAsync("hsds/services?per_page=201")).StatusCode);
    }

    [Fact]
    public async Task OnePerPage_WalksTheListInHsdsPages()
    {
        var page1 = await _anonymous.GetFromJsonAsync<JsonObject>("hsds/organizations?per_page=1");
        var page2 = await _anonymous.GetFromJsonAsync<JsonObject>("hsds/organizations?per_page=1&page=2");
        var page3 = await _anonymous.GetFromJsonAsync<JsonObject>("hsds/organizations?per_page=1&page=3");
        var services = await _anonymous.GetFromJsonAsync<JsonObject>("hsds/services?per_page=2&page=2");

        Assert.Equal((2, 2, 1, 1, true, false, false), Header(page1!));
        Assert.Equal("NGO hsds-clinic", page1!["contents"]![0]!["name"]!.GetValue<string>());
        Assert.Equal((2, 2, 2, 1, false, true, false), Header(page2!));
        Assert.Equal("NGO hsds-school", page2!["contents"]![0]!["name"]!.GetValue<string>());
        Assert.Equal((2, 2, 3, 0, false, true, true), Header(page3!));
        Assert.Empty(page3!["contents"]!.AsArray());
        Assert.Equal((3, 2, 2, 1, false, true, false), Header(services!));
        Assert.Equal("Education — NGO hsds-school", services!["contents"]![0]!["name"]!.GetValue<string>());
    }

    private static HttpClient Anonymous(TestSystem system) => new() { BaseAddress = system.Http.BaseAddress };

    private static IEnumerable<string> Extents(JsonNode service) =>
        service["service_areas"]!.AsArray().Select(a => a!["extent"]!.GetValue<string>());

    private static (int Available, int Maximum) Capacity(JsonNode service)
    {
        var capacity = service["capacities"]!.AsArray().Single()!;
        return (capacity["available"]!.GetValue<int>(), capacity["maximum"]!.GetValue<int>());
    }

    private static (int Total, int Pages, int Number, int Size, bool First, bool Last, bool Empty) Header(JsonObject page) => (
        page["total_items"]!.GetValue<int>(),
        page["total_pages"]!.GetValue<int>(),
        page["page_number"]!.GetValue<int>(),
        page["size"]!.GetValue<int>(),
        page["first_page"]!.GetValue<bool>(),
        page["last_page"]!.GetValue<bool>(),
        page["empty"]!.GetValue<bool>());
}
