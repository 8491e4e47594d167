using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Azure.Data.Tables;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Open311;

/// <summary>GeoReport v2 <c>POST requests</c> through the real worker process, as the spec describes it:
/// form-encoded with a partner key, answered <c>[{service_request_id, service_notice, account_id}]</c> in
/// JSON or XML; placed by lat/long through the bot's locator or by a P-code; made through the form's intake
/// (its validation, its field errors) on the Open311 channel; errors in the spec's form with 400 and 403.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class Open311RequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;
    private Open311Client _client = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _client = new Open311Client(_system);
        _key = await _client.IssueKeyAsync("kobo-aleppo");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task PostByLatLong_Json_AnswersTheTrackingCode_StoredThroughIntakeOnTheOpen311Channel_PlacedByTheBotsLocator()
    {
        var response = await _client.PostAsync("json", Open311Client.Fields(_key));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var created = Assert.Single(JsonNode.Parse(text)!.AsArray())!.AsObject();
        Assert.Equal(["service_request_id", "service_notice", "account_id"], created.Select(p => p.Key));
        Assert.Null(created["account_id"]);
        var code = created["service_request_id"]!.GetValue<string>();
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", code);
        Assert.False(string.IsNullOrEmpty(created["service_notice"]!.GetValue<string>()));

        var stored = (await _system.Requests.GetEntityAsync<TableEntity>(code.Replace("-", string.Empty, StringComparison.Ordinal), Keys.RequestRow)).Value;
        var expected = new LocationLocator(new LocationCatalogue()).Locate(36.2021, 37.1343)!.Value;
        Assert.Equal("Open311", stored.GetString("Channel"));
        Assert.Equal("health", stored.GetString("Sector"));
        Assert.Equal(expected.Governorate.PCode, stored.GetString("Governorate"));
        Assert.Equal("SY02", stored.GetString("Governorate"));
        Assert.Equal(expected.District.PCode, stored.GetString("District"));
        Assert.Equal("Urgent", stored.GetString("Urgency"));
        Assert.True(stored.GetBoolean("Consent"));
        Assert.DoesNotContain(stored, p => p.Value?.ToString()?.Contains("36.2021", StringComparison.Ordinal) == true);
        var trail = await _system.Http.GetStringAsync($"ministry/requests/{code}/events");
        Assert.Contains("\"actor\":\"partner:kobo-aleppo\"", trail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostByAddressId_Xml_AnswersServiceRequestsOfRequest_PlacedByTheDistrictPCode()
    {
        var fields = Open311Client.Fields(_key, phone: "0933000111").Where(f => f.Name is not ("lat" or "long")).Append(("address_id", "SY0100")).ToList();

        var response = await _client.PostAsync("xml", fields);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        var root = XDocument.Parse(text).Root!;
        Assert.Equal("service_requests", root.Name.LocalName);
        var request = Assert.Single(root.Elements());
        Assert.Equal("request", request.Name.LocalName);
        Assert.Equal(["service_request_id", "service_notice", "account_id"], request.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(string.Empty, request.Element("account_id")!.Value);
        var code = request.Element("service_request_id")!.Value;
        var stored = (await _system.Requests.GetEntityAsync<TableEntity>(code.Replace("-", string.Empty, StringComparison.Ordinal), Keys.RequestRow)).Value;
        Assert.Equal("SY01", stored.GetString("Governorate"));
        Assert.Equal("SY0100", stored.GetString("District"));
    }

    [Fact]
    public async Task NoConsentUnknownServiceNoDescription_400_OneErrorPerField_InTheSpecsForm_InTheCallersLanguage_NothingStored()
    {
        var fields = Open311Client.Fields(_key, phone: "0933000222")
            .Where(f => f.Name is not ("attribute[consent]" or "description"))
            .Select(f => f.Name == "service_code" ? (f.Name, "weapons") : f)
            .ToList();

        var english = await _client.PostAsync("json", fields, "en");
        var arabic = await _client.PostAsync("xml", fields);

        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        var errors = JsonNode.Parse(await english.Content.ReadAsStringAsync())!.AsArray();
        Assert.All(errors, e => Assert.Equal(400, e!["code"]!.GetValue<int>()));
        var descriptions = errors.Select(e => e!["description"]!.GetValue<string>()).ToList();
        Assert.Contains(descriptions, d => d.StartsWith("service_code: ", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("description: ", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.StartsWith("attribute[consent]: We cannot take your request further", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, arabic.StatusCode);
        var xmlErrors = XDocument.Parse(await arabic.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("errors", xmlErrors.Name.LocalName);
        Assert.Contains(xmlErrors.Elements("error"), e => e.Element("description")!.Value.StartsWith("attribute[consent]: لا يمكننا", StringComparison.Ordinal));
        Assert.Empty(await _system.Requests.QueryAsync<TableEntity>(maxPerPage: 1).ToListAsync());
    }

    [Fact]
    public async Task PlaceOutsideSyriaOrUnknownPCode_400_NamingTheField()
    {
        var outside = Open311Client.Fields(_key).Select(f => f.Name == "lat" ? (f.Name, "48.85") : f).ToList();
        var unknown = Open311Client.Fields(_key).Where(f => f.Name is not ("lat" or "long")).Append(("address_id", "SY9999")).ToList();
        var nowhere = Open311Client.Fields(_key).Where(f => f.Name is not ("lat" or "long")).ToList();

        foreach (var (fields, field) in new[] { (outside, "lat: "), (unknown, "address_id: "), (nowhere, "lat: ") })
        {
            var response = await _client.PostAsync("json", fields, "en");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var error = Assert.Single(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray())!;
            Assert.StartsWith(field, error["description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnreadablePlace_IsAnsweredWithEveryOtherFieldsError_AndNothingStored()
    {
        var fields = Open311Client.Fields(_key)
            .Where(f => f.Name is not ("description" or "attribute[consent]"))
            .Select(f => f.Name == "lat" ? (f.Name, "48.85") : f)
            .ToList();

        var response = await _client.PostAsync("json", fields, "ar");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var named = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()
            .Select(e => e!["description"]!.GetValue<string>().Split(':')[0]).Order(StringComparer.Ordinal);
        Assert.Equal(["attribute[consent]", "description", "lat"], named);
        Assert.Empty(await _system.Requests.QueryAsync<TableEntity>(maxPerPage: 1).ToListAsync());
    }

    [Fact]
    public async Task MissingWrongOrRevokedKey_403_InTheSpecsForm_AndNothingStored()
    {
        var revoked = await _client.IssueKeyAsync("old-app");
        var revoke = await _system.Http.DeleteAsync($"registry/partners/old-app/keys/{revoked.Split('.')[1]}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        var none = await _client.PostAsync("json", Open311Client.Fields(_key).Where(f => f.Name != "api_key"));
        var wrong = await _client.PostAsync("xml", Open311Client.Fields(_key + "x"), "en");
        var ngoShaped = await _client.PostAsync("json", Open311Client.Fields(TestSystem.AdminKey));
        var old = await _client.PostAsync("json", Open311Client.Fields(revoked));

        Assert.All([none, wrong, ngoShaped, old], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var error = Assert.Single(JsonNode.Parse(await none.Content.ReadAsStringAsync())!.AsArray())!;
        Assert.Equal(403, error["code"]!.GetValue<int>());
        Assert.Contains("api_key", error["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var xml = XDocument.Parse(await wrong.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("403", xml.Element("error")!.Element("code")!.Value);
        Assert.Empty(await _system.Requests.QueryAsync<TableEntity>(maxPerPage: 1).ToListAsync());
    }

    [Fact]
    public async Task KeyInTheHeader_Accepted_AndAJsonBody_400()
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, "open311/v2/requests.json")
        {
            Content = new FormUrlEncodedContent(Open311Client.Fields("ignored", phone: "0933000333").Where(f => f.Name != "api_key").Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        message.Headers.Add("X-Api-Key", _key);
        using var json = new HttpRequestMessage(HttpMethod.Post, "open311/v2/requests.json") { Content = JsonContent.Create(new { service_code = "health" }) };
        json.Headers.Add("X-Api-Key", _key);

        var viaHeader = await _client.Http.SendAsync(message);
        var notAForm = await _client.Http.SendAsync(json);

        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAForm.StatusCode);
        Assert.Equal(400, JsonNode.Parse(await notAForm.Content.ReadAsStringAsync())![0]!["code"]!.GetValue<int>());
    }
}
