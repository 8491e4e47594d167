using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>The public reference data and the form page.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ReferenceDataApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Sectors_NineWithArabicAndEnglishNames()
    {
        var sectors = await _system.Http.GetFromJsonAsync<JsonArray>("sectors");

        Assert.Equal(
            ["health", "education", "food", "shelter", "wash", "protection", "livelihoods", "disability", "psychosocial"],
            sectors!.Select(s => s!["code"]!.ToString()));
        Assert.Equal("الصحة", sectors![0]!["name"]!["ar"]!.ToString());
        Assert.Equal("Health", sectors![0]!["name"]!["en"]!.ToString());
    }

    [Fact]
    public async Task Locations_FourteenGovernoratesWithDistrictsAndAttribution()
    {
        var body = await _system.Http.GetFromJsonAsync<JsonObject>("locations");
        var governorates = body!["governorates"]!.AsArray();

        Assert.Equal(14, governorates.Count);
        Assert.Equal(62, governorates.Sum(g => g!["districts"]!.AsArray().Count));
        var damascus = governorates[0]!;
        Assert.Equal("SY01", damascus["pCode"]!.ToString());
        Assert.Equal("دمشق", damascus["name"]!["ar"]!.ToString());
        Assert.Contains("CC BY-IGO 3.0", body["attribution"]!.ToString());
        var aleppo = await _system.Http.GetFromJsonAsync<JsonObject>("locations?governorate=SY02");
        Assert.Equal("SY02", Assert.Single(aleppo!["governorates"]!.AsArray())!["pCode"]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Http.GetAsync("locations?governorate=SY99")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Http.GetAsync("locations?governorate=SY0100")).StatusCode);
    }

    [Fact]
    public async Task Health_StorageReachable_200Healthy()
    {
        var health = await _system.Http.GetFromJsonAsync<JsonObject>("health");

        Assert.Equal("Healthy", health!["status"]!.ToString());
        Assert.Equal("Healthy", health["checks"]!["storage"]!.ToString());
    }

    [Fact]
    public async Task Form_ArabicRightToLeftByDefault_EnglishOnSwitch()
    {
        using var client = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var arabic = await client.GetStringAsync("form");
        var english = await client.GetStringAsync("form?lang=en");

        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
        Assert.Contains("طلب مساعدة من منظمة أهلية", arabic);
        Assert.Contains("<option value=\"SY0100\"", arabic);
        Assert.Contains("name=\"consent\"", arabic);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english);
        Assert.Contains("Ask an NGO for help", english);
        Assert.Contains("CC BY-IGO 3.0", english);
    }
}
