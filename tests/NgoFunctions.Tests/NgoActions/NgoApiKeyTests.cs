using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Core.Security;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>The admin issues, lists and revokes NGO API keys: a key is shown once, stored as its
/// SHA-256 only, and stops working the moment it is revoked.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NgoApiKeyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        await _system.PutNgoAsync("deir-food", ["food"], ["SY09"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Issue_ShownOnceAndStoredAsItsHashOnly()
    {
        var response = await _system.Http.PostAsync("registry/ngos/deir-food/keys", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var key = body!["key"]!.ToString();
        var keyId = body["keyId"]!.ToString();
        Assert.Equal("deir-food", body["ngoId"]!.ToString());
        Assert.Matches($"^deir-food\\.{keyId}\\.[A-Za-z0-9_-]{{43}}$", key);
        var row = await _driver.ApiKeys.GetEntityAsync<TableEntity>("deir-food", keyId);
        Assert.Equal(ApiKeyVerifier.Hash(key), row.Value.GetString("KeySha256"));
        var secret = key.Split('.')[2];
        Assert.DoesNotContain(row.Value, p => p.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task TwoKeys_DifferAndBothWork()
    {
        var first = await _driver.IssueKeyAsync("deir-food");
        var second = await _driver.IssueKeyAsync("deir-food");

        Assert.NotEqual(first, second);
        foreach (var key in new[] { first, second })
        {
            using var client = _driver.Client(key);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("ngo/requests")).StatusCode);
        }
    }

    [Fact]
    public async Task List_KeyIdsAndDatesWithoutSecrets()
    {
        var key = await _driver.IssueKeyAsync("deir-food");

        var response = await _system.Http.GetAsync("registry/ngos/deir-food/keys");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = Assert.Single(JsonNode.Parse(text)!.AsArray())!.AsObject();
        Assert.Equal(["createdAt", "keyId", "revoked", "revokedAt"], listed.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(key.Split('.')[1], listed["keyId"]!.ToString());
        Assert.False(listed["revoked"]!.GetValue<bool>());
        Assert.DoesNotContain(key.Split('.')[2], text);
        Assert.DoesNotContain(ApiKeyVerifier.Hash(key), text);
    }

    [Fact]
    public async Task Revoke_KeyStopsAtOnceOthersGoOnAndRepeatingIsHarmless()
    {
        var revoked = await _driver.IssueKeyAsync("deir-food");
        var kept = await _driver.IssueKeyAsync("deir-food");
        var keyId = revoked.Split('.')[1];

        var first = await _system.Http.DeleteAsync($"registry/ngos/deir-food/keys/{keyId}");
        var again = await _system.Http.DeleteAsync($"registry/ngos/deir-food/keys/{keyId}");

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        using var revokedClient = _driver.Client(revoked);
        using var keptClient = _driver.Client(kept);
        Assert.Equal(HttpStatusCode.Unauthorized, (await revokedClient.GetAsync("ngo/requests")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await keptClient.GetAsync("ngo/requests")).StatusCode);
        var list = await _system.Http.GetFromJsonAsync<JsonArray>("registry/ngos/deir-food/keys");
        Assert.True(list!.Single(k => k!["keyId"]!.ToString() == keyId)!["revoked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UnknownNgoOrKey_404()
    {
        var issue = await _system.Http.PostAsync("registry/ngos/nobody-here/keys", null);
        var list = await _system.Http.GetAsync("registry/ngos/nobody-here/keys");
        var revoke = await _system.Http.DeleteAsync("registry/ngos/deir-food/keys/0000000000");
        var malformed = await _system.Http.DeleteAsync("registry/ngos/deir-food/keys/NOT-A-KEY-ID");

        Assert.All([issue, list, revoke, malformed], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("application/problem+json", issue.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task KeyRoutes_WithoutTheAdminKey_401AndNoKeyIssued()
    {
        using var anonymous = _driver.Client(null);
        using var wrong = _driver.Client("not-the-admin-key");

        var responses = new[]
        {
            await anonymous.PostAsync("registry/ngos/deir-food/keys", null),
            await wrong.PostAsync("registry/ngos/deir-food/keys", null),
            await wrong.GetAsync("registry/ngos/deir-food/keys"),
            await wrong.DeleteAsync("registry/ngos/deir-food/keys/0000000000"),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Empty(await _system.Http.GetFromJsonAsync<JsonArray>("registry/ngos/deir-food/keys") ?? []);
    }
}
