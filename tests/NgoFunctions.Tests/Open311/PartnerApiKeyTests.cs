using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Core.Security;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Open311;

/// <summary>The admin issues, lists and revokes Open311 partner keys, as for NGO keys: a key is shown once,
/// stored as its SHA-256 only, revocable; only the admin key opens these routes.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PartnerApiKeyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private TableClient _keys = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _keys = new TableServiceClient(azurite.ConnectionString).GetTableClient(_system.Names.PartnerApiKeysTable);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Issue_ShownOnceAndStoredAsItsHashOnly()
    {
        var response = await _system.Http.PostAsync("registry/partners/kobo-aleppo/keys", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        var key = body!["key"]!.ToString();
        var keyId = body["keyId"]!.ToString();
        Assert.Equal("kobo-aleppo", body["partnerId"]!.ToString());
        Assert.Matches($"^kobo-aleppo\\.{keyId}\\.[A-Za-z0-9_-]{{43}}$", key);
        var row = await _keys.GetEntityAsync<TableEntity>("kobo-aleppo", keyId);
        Assert.Equal(ApiKeyVerifier.Hash(key), row.Value.GetString("KeySha256"));
        var secret = key.Split('.')[2];
        Assert.DoesNotContain(row.Value, p => p.Value?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ListAndRevoke_KeyIdsWithoutSecrets_RevokedMarked_RepeatingIsHarmless()
    {
        var first = await IssueAsync("fix-my-street");
        var second = await IssueAsync("fix-my-street");
        var keyId = first.Split('.')[1];

        var revoke = await _system.Http.DeleteAsync($"registry/partners/fix-my-street/keys/{keyId}");
        var again = await _system.Http.DeleteAsync($"registry/partners/fix-my-street/keys/{keyId}");
        var response = await _system.Http.GetAsync("registry/partners/fix-my-street/keys");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var listed = JsonNode.Parse(text)!.AsArray();
        Assert.Equal(2, listed.Count);
        Assert.True(listed.Single(k => k!["keyId"]!.ToString() == keyId)!["revoked"]!.GetValue<bool>());
        Assert.False(listed.Single(k => k!["keyId"]!.ToString() == second.Split('.')[1])!["revoked"]!.GetValue<bool>());
        Assert.DoesNotContain(first.Split('.')[2], text);
        Assert.DoesNotContain(ApiKeyVerifier.Hash(second), text);
        Assert.NotNull((await _keys.GetEntityAsync<TableEntity>("fix-my-street", keyId)).Value.GetDateTimeOffset("RevokedAt"));
    }

    [Fact]
    public async Task BadIdsUnknownPartnerOrKey_404Problem()
    {
        var badId = await _system.Http.PostAsync("registry/partners/Not_An_Id/keys", null);
        var noKeys = await _system.Http.GetAsync("registry/partners/nobody-here/keys");
        var unknownKey = await _system.Http.DeleteAsync("registry/partners/nobody-here/keys/0000000000");
        var malformed = await _system.Http.DeleteAsync("registry/partners/nobody-here/keys/NOT-A-KEY-ID");

        Assert.All([badId, noKeys, unknownKey, malformed], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal("application/problem+json", badId.Content.Headers.ContentType!.MediaType);
        var title = (await badId.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString();
        Assert.Contains("معرّف", title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRoutes_WithoutTheAdminKey_401AndNoKeyIssued()
    {
        using var wrong = new HttpClient { BaseAddress = _system.Http.BaseAddress };
        wrong.DefaultRequestHeaders.Add("X-Api-Key", TestSystem.MinistryKey);
        using var anonymous = new HttpClient { BaseAddress = _system.Http.BaseAddress };

        var responses = new[]
        {
            await anonymous.PostAsync("registry/partners/sneaky-app/keys", null),
            await wrong.PostAsync("registry/partners/sneaky-app/keys", null),
            await wrong.GetAsync("registry/partners/sneaky-app/keys"),
            await wrong.DeleteAsync("registry/partners/sneaky-app/keys/0000000000"),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Http.GetAsync("registry/partners/sneaky-app/keys")).StatusCode);
    }

    private async Task<string> IssueAsync(string partnerId)
    {
        var response = await _system.Http.PostAsync($"registry/partners/{partnerId}/keys", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.ToString();
    }
}
