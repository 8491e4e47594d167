using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Http;

/// <summary>Links the API hands out start with <c>Http:PublicBaseUrl</c> when it is set (behind a front
/// end, the request names the app's own host, which callers cannot reach), else with the request's own.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PublicUrlTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task PublicBaseUrlSet_StatusLinkAndNewNgoLocation_UseIt()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Http:PublicBaseUrl"] = "https://ngo.example.org/" });

        var created = await system.Http.PutAsJsonAsync("registry/ngos/idlib-relief", new
        {
            name = new { ar = "إغاثة إدلب", en = "Idlib relief" }, sectors = new[] { "food" }, coverage = new[] { "SY07" }, capacity = 5,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("https://ngo.example.org/api/registry/ngos/idlib-relief", created.Headers.Location!.ToString());

        var submitted = await system.Http.PostAsJsonAsync("requests", new
        {
            sector = "food", governorate = "SY07", description = "نحتاج إلى سلة غذائية لعائلة من ستة أفراد", consent = true, language = "ar",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var body = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!;
        var code = body["trackingCode"]!.ToString().Replace("-", string.Empty, StringComparison.Ordinal);
        Assert.Equal($"https://ngo.example.org/api/requests/{code}", submitted.Headers.Location!.ToString());
        Assert.Equal(submitted.Headers.Location!.ToString(), body["statusUrl"]!.ToString());
    }

    [Fact]
    public async Task PublicBaseUrlEmpty_AsTheSettingsFileHasIt_LinksUseTheRequestsHost()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?> { ["Http:PublicBaseUrl"] = "" });
        var submitted = await system.Http.PostAsJsonAsync("requests", new
        {
            sector = "food", governorate = "SY07", description = "نحتاج إلى سلة غذائية", consent = true, language = "ar",
        });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        Assert.StartsWith(new Uri(system.Http.BaseAddress!, "requests/").ToString(), submitted.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData("https://ngo.example.org/status")]
    [InlineData("ngo.example.org")]
    public void PublicBaseUrlWithAPathOrWithoutAScheme_RefusedAtStart(string value)
    {
        var options = new NgoFunctions.App.Http.PublicUrlOptions { PublicBaseUrl = value };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Contains("Http:PublicBaseUrl", results.Single().ErrorMessage);
    }
}
