using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>Who may call the NGO routes: only a valid, unrevoked key of an NGO, and it sees only what
/// was routed to that NGO; another NGO's request reads exactly like one that does not exist.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class NgoAuthorisationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private string _ownKey = null!;
    private string _otherKey = null!;
    private string _code = null!;

    public static TheoryData<string, string> Routes => new()
    {
        { "GET", "ngo/requests" },
        { "GET", "ngo/requests/{code}" },
        { "POST", "ngo/requests/{code}/accept" },
        { "POST", "ngo/requests/{code}/decline" },
        { "POST", "ngo/requests/{code}/start" },
        { "POST", "ngo/requests/{code}/resolve" },
    };

    public static TheoryData<string> CaseRoutes => new()
    {
        "GET ngo/requests/{code}",
        "POST ngo/requests/{code}/accept",
        "POST ngo/requests/{code}/decline",
        "POST ngo/requests/{code}/start",
        "POST ngo/requests/{code}/resolve",
    };

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _driver = new NgoDriver(_system, azurite);
        await _system.PutNgoAsync("idlib-rehab", ["disability"], ["SY07"]);
        await _system.PutNgoAsync("aleppo-rehab", ["disability"], ["SY02"]);
        _ownKey = await _driver.IssueKeyAsync("idlib-rehab");
        _otherKey = await _driver.IssueKeyAsync("aleppo-rehab");
        _code = await _driver.SubmitAsync(sector: "disability", governorate: "SY07");
        await _driver.RoutedToAsync(_code, "idlib-rehab");
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task NoKeyWrongKeyRevokedKeyOrAdminKey_401AndNothingChanges(string method, string route)
    {
        var revoked = await _driver.IssueKeyAsync("idlib-rehab");
        var keyId = revoked.Split('.')[1];
        Assert.Equal(HttpStatusCode.NoContent, (await _system.Http.DeleteAsync($"registry/ngos/idlib-rehab/keys/{keyId}")).StatusCode);
        var wrongSecret = _ownKey[..^4] + (_ownKey.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        string?[] keys = [null, "", "wrong-key", wrongSecret, "idlib-rehab.0000000000.c2VjcmV0", revoked, TestSystem.AdminKey];

        foreach (var key in keys)
        {
            using var client = _driver.Client(key);
            var response = await SendAsync(client, method, route);

            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{method} {route} with key '{key}': {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal("Routed", (await _driver.RequestAsync(_code)).Status);
        Assert.Equal(2, (await _driver.RowsAsync<Core.Storage.RequestEventEntity>(_code, Core.Storage.Keys.EventPrefix)).Count);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task DeactivatedNgosKey_403InTheCallersLanguage_NothingChanges_UntilActiveAgain(string method, string route)
    {
        using var own = _driver.Client(_ownKey);
        await _system.PutNgoAsync("idlib-rehab", ["disability"], ["SY07"], active: false);

        var refused = await SendAsync(own, method, route + (route.Contains('?') ? "&" : "?") + "lang=en");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("Your organisation is deactivated", (await refused.Content.ReadFromJsonAsync<JsonObject>())!["title"]!.ToString());
        Assert.Equal("Routed", (await _driver.RequestAsync(_code)).Status);
        Assert.Equal(2, (await _driver.RowsAsync<Core.Storage.RequestEventEntity>(_code, Core.Storage.Keys.EventPrefix)).Count);

        await _system.PutNgoAsync("idlib-rehab", ["disability"], ["SY07"]);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"ngo/requests/{_code}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(CaseRoutes))]
    public async Task OtherNgosKey_404WithTheBodyOfAMissingRequest(string route)
    {
        var (method, path) = (route.Split(' ')[0], route.Split(' ')[1]);
        using var other = _driver.Client(_otherKey);
        var missingCode = _code[..^1] + (_code[^1] == '0' ? '1' : '0');

        var foreign = await SendAsync(other, method, path);
        var missing = await SendAsync(other, method, path.Replace("{code}", missingCode));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var foreignBody = await foreign.Content.ReadFromJsonAsync<JsonObject>();
        var missingBody = await missing.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal($"/api/{path.Replace("{code}", _code)}", foreignBody!["instance"]!.ToString());
        foreignBody.Remove("instance");
        missingBody!.Remove("instance");
        Assert.Equal(missingBody.ToJsonString(), foreignBody.ToJsonString());
        Assert.Equal("Routed", (await _driver.RequestAsync(_code)).Status);
        Assert.Equal("idlib-rehab", (await _driver.RequestAsync(_code)).AssignedNgoId);
    }

    [Fact]
    public async Task OtherNgosKey_ListShowsNoneOfItsRequests()
    {
        using var other = _driver.Client(_otherKey);
        using var own = _driver.Client(_ownKey);

        var othersList = await other.GetFromJsonAsync<JsonObject>("ngo/requests");
        var ownList = await own.GetFromJsonAsync<JsonObject>("ngo/requests");

        Assert.Empty(othersList!["items"]!.AsArray());
        Assert.Single(ownList!["items"]!.AsArray());
    }

    [Fact]
    public async Task OwnKey_ReadsTheRequest()
    {
        using var own = _driver.Client(_ownKey);

        var response = await own.GetAsync($"ngo/requests/{_code}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("Pending", (await response.Content.ReadFromJsonAsync<JsonObject>())!["assignment"]!["state"]!.ToString());
    }

    private Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string route)
    {
        var uri = route.Replace("{code}", _code);
        // A body each action takes (a resolve gives its outcome), so that only whose case it is decides.
        return method == "GET"
            ? client.GetAsync(uri)
            : uri.Contains("/resolve", StringComparison.Ordinal)
                ? client.PostAsJsonAsync(uri, new { outcome = "successful" })
                : client.PostAsJsonAsync(uri, new { reason = "other" });
    }
}
