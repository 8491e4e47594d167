using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Webhooks;

/// <summary>An NGO registers, reads and removes its own webhook with its own key: the signing secret is
/// shown once and never stored; another NGO's key neither sees nor changes it; a bad URL is a 400
/// problem+json in the caller's language.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WebhookRegistrationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _deir = null!;
    private HttpClient _homs = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite, environment: "Development");
        _driver = new NgoDriver(_system, azurite);
        _deir = await _driver.NgoAsync("deir-food", ["food"], ["SY09"]);
        _homs = await _driver.NgoAsync("homs-food", ["food"], ["SY04"]);
    }

    public async Task DisposeAsync()
    {
        _deir.Dispose();
        _homs.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Put_SecretShownOnce_GetShowsUrlOnly_NothingSecretStored()
    {
        var put = await _deir.PutAsJsonAsync("ngo/webhook", new { url = "http://127.0.0.1:5999/hooks/cases" });

        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("no-store", put.Headers.CacheControl!.ToString());
        var registered = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        var secret = registered["secret"]!.ToString();
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal("http://127.0.0.1:5999/hooks/cases", registered["url"]!.ToString());

        var shown = (await _deir.GetFromJsonAsync<JsonObject>("ngo/webhook"))!;
        Assert.Equal("http://127.0.0.1:5999/hooks/cases", shown["url"]!.ToString());
        Assert.Null(shown["secret"]);
        Assert.DoesNotContain("whsec_", shown.ToJsonString());

        var rows = await new TableServiceClient(azurite.ConnectionString).GetTableClient(_system.Names.NgoWebhooksTable)
            .QueryAsync<TableEntity>(e => e.PartitionKey == "deir-food").ToListAsync();
        var row = Assert.Single(rows);
        Assert.DoesNotContain(row, p => p.Value?.ToString()?.Contains(secret[6..], StringComparison.Ordinal) == true);

        // Registering again issues another secret: the first one stops signing.
        var again = (await (await _deir.PutAsJsonAsync("ngo/webhook", new { url = "http://127.0.0.1:5999/hooks/cases" })).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotEqual(secret, again["secret"]!.ToString());
    }

    [Fact]
    public async Task AnotherNgosKey_NeitherSeesNorChangesTheRegistration()
    {
        Assert.Equal(HttpStatusCode.Created, (await _deir.PutAsJsonAsync("ngo/webhook", new { url = "http://127.0.0.1:5999/deir" })).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await _homs.GetAsync("ngo/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _homs.DeleteAsync("ngo/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _homs.PutAsJsonAsync("ngo/webhook", new { url = "http://127.0.0.1:5999/homs" })).StatusCode);

        var deir = (await _deir.GetFromJsonAsync<JsonObject>("ngo/webhook"))!;
        Assert.Equal("http://127.0.0.1:5999/deir", deir["url"]!.ToString());
        var homs = (await _homs.GetFromJsonAsync<JsonObject>("ngo/webhook"))!;
        Assert.Equal("http://127.0.0.1:5999/homs", homs["url"]!.ToString());

        // Without a key, or with the admin key, nothing.
        using var anonymous = _driver.Client(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("ngo/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _system.Http.PutAsJsonAsync("ngo/webhook", new { url = "http://127.0.0.1:5999/x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _system.Http.DeleteAsync("ngo/webhook")).StatusCode);
    }

    [Fact]
    public async Task Delete_RemovesIt_AndIsIdempotent()
    {
        await _deir.PutAsJsonAsync("ngo/webhook", new { url = "http://127.0.0.1:5999/deir" });

        Assert.Equal(HttpStatusCode.NoContent, (await _deir.DeleteAsync("ngo/webhook")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _deir.DeleteAsync("ngo/webhook")).StatusCode);

        var missing = await _deir.GetAsync("ngo/webhook?lang=en");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        Assert.Contains("no webhook", (await missing.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
    }

    [Fact]
    public async Task RegistryUpdateOfTheNgo_KeepsItsWebhookMark_DeleteClearsIt()
    {
        var ngos = new TableServiceClient(azurite.ConnectionString).GetTableClient(_system.Names.NgosTable);
        async Task<bool?> MarkAsync() => (await ngos.GetEntityAsync<TableEntity>("ngo", "deir-food")).Value.GetBoolean("HasWebhook");
        await _deir.PutAsJsonAsync("ngo/webhook", new { url = "http://127.0.0.1:5999/deir" });
        Assert.True(await MarkAsync());

        // The admin changes the NGO (a replace of its registry row): the mark stays, and is not shown.
        await _system.PutNgoAsync("deir-food", ["food"], ["SY09"], capacity: 12);
        Assert.True(await MarkAsync());
        Assert.DoesNotContain("webhook", await _system.Http.GetStringAsync("registry/ngos/deir-food"), StringComparison.OrdinalIgnoreCase);

        await _deir.DeleteAsync("ngo/webhook");
        Assert.False(await MarkAsync());
    }

    [Theory]
    [InlineData("en", "ftp://hooks.example.org/x", "full address")]
    [InlineData("ar", "ftp://hooks.example.org/x", "العنوان الكامل")]
    [InlineData("en", "hooks.example.org/cases", "full address")]
    [InlineData("ar", "https://user:secret@hooks.example.org/cases", "العنوان الكامل")]
    public async Task Put_BadUrl_400ProblemNamingUrl_InTheCallersLanguage(string language, string url, string says)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, "ngo/webhook") { Content = JsonContent.Create(new { url }) };
        request.Headers.AcceptLanguage.ParseAdd(language);

        var response = await _deir.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Contains(says, problem["errors"]!["url"]![0]!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _deir.GetAsync("ngo/webhook")).StatusCode);
    }

    [Fact]
    public async Task Put_MissingOrUnreadableBody_400()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _deir.PutAsJsonAsync("ngo/webhook", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _deir.PutAsync("ngo/webhook", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
    }
}
