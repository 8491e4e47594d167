using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Open311;

/// <summary>GeoReport v2 <c>GET requests</c> and <c>GET requests/{id}</c> through the real worker process,
/// and the whole path an Open311 client takes (list services, post by lat/long with a partner key, read
/// the status until Routed) in JSON and in XML: the spec's fields in its order, open/closed with the finer
/// status in status_notes, the NGO as agency_responsible, P-codes and no personal data.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class Open311StatusTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    // GeoReport v2's request fields, in its order.
    private static readonly string[] RequestFields =
    [
        "service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url",
    ];

    private TestSystem _system = null!;
    private Open311Client _client = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("aleppo-clinic", ["health"], ["SY02"]);
        _client = new Open311Client(_system);
        _key = await _client.IssueKeyAsync("civic-app");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Client_Json_ListsServices_PostsByLatLong_ReadsTheStatusUntilRouted_WithoutPersonalData()
    {
        var services = JsonNode.Parse(await _client.Http.GetStringAsync("open311/v2/services.json"))!.AsArray();
        var code = services.Select(s => s!["service_code"]!.GetValue<string>()).First(c => c == "health");
        var post = await _client.PostAsync("json", Open311Client.Fields(_key).Select(f => f.Name == "service_code" ? (f.Name, code) : f));
        var id = JsonNode.Parse(await post.Content.ReadAsStringAsync())![0]!["service_request_id"]!.GetValue<string>();

        var body = await Eventually.ReadsAsync(
            () => _client.Http.GetStringAsync($"open311/v2/requests/{id}.json?lang=en"),
            text => JsonNode.Parse(text)![0]!["status_notes"]!.GetValue<string>().StartsWith("Routed:", StringComparison.Ordinal),
            Within,
            $"{id} Routed");

        var request = Assert.Single(JsonNode.Parse(body)!.AsArray())!.AsObject();
        Assert.Equal(RequestFields, request.Select(p => p.Key));
        Assert.Equal(id, request["service_request_id"]!.GetValue<string>());
        Assert.Equal("open", request["status"]!.GetValue<string>());
        Assert.Equal("health", request["service_code"]!.GetValue<string>());
        Assert.Equal("Health", request["service_name"]!.GetValue<string>());
        Assert.Equal("NGO aleppo-clinic", request["agency_responsible"]!.GetValue<string>());
        Assert.Equal("SY0200", request["address_id"]!.GetValue<string>());
        Assert.Equal(string.Empty, request["zipcode"]!.GetValue<string>());
        Assert.Null(request["description"]);
        Assert.Null(request["lat"]);
        Assert.Null(request["long"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", request["requested_datetime"]!.GetValue<string>());
        Assert.DoesNotContain("0944123456", body, StringComparison.Ordinal);
        Assert.DoesNotContain("سلمى", body, StringComparison.Ordinal);
        Assert.DoesNotContain("السكري", body, StringComparison.Ordinal);
        Assert.DoesNotContain("36.2021", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_Xml_ListsServices_PostsByLatLong_ReadsTheStatusUntilRouted()
    {
        var services = XDocument.Parse(await _client.Http.GetStringAsync("open311/v2/services.xml")).Root!;
        Assert.Contains(services.Elements("service"), s => s.Element("service_code")!.Value == "health");
        var post = await _client.PostAsync("xml", Open311Client.Fields(_key));
        var id = XDocument.Parse(await post.Content.ReadAsStringAsync()).Root!.Element("request")!.Element("service_request_id")!.Value;

        var root = await Eventually.ReadsAsync(
            async () => XDocument.Parse(await _client.Http.GetStringAsync($"open311/v2/requests/{id}.xml")).Root!,
            xml => xml.Element("request")!.Element("status_notes")!.Value.StartsWith("Routed:", StringComparison.Ordinal),
            Within,
            $"{id} Routed");

        Assert.Equal("service_requests", root.Name.LocalName);
        var request = Assert.Single(root.Elements());
        Assert.Equal("request", request.Name.LocalName);
        Assert.Equal(RequestFields, request.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("open", request.Element("status")!.Value);
        Assert.Equal("منظمة aleppo-clinic", request.Element("agency_responsible")!.Value);
        Assert.Equal("الصحة", request.Element("service_name")!.Value);
        Assert.Equal(string.Empty, request.Element("description")!.Value);
        Assert.True(DateTimeOffset.TryParse(request.Element("updated_datetime")!.Value, out _));
    }

    [Fact]
    public async Task List_OnlyByIds_NeverAllRequests_SensitiveReducedToItsStatus()
    {
        var health = await PostAsync(Open311Client.Fields(_key, phone: "0933100001"));
        var food = await PostAsync(Open311Client.Fields(_key, phone: "0933100002").Select(f => f.Name == "service_code" ? (f.Name, "food") : f));
        var sensitive = await PostAsync(Open311Client.Fields(_key, phone: "0933100003").Append(("attribute[sensitive]", "true")));

        var byIds = Ids(await _client.Http.GetStringAsync($"open311/v2/requests.json?service_request_id={food},{sensitive},NOPE&service_code=health"));

        Assert.Equal(new[] { food, sensitive }.Order(StringComparer.Ordinal), byIds.Order(StringComparer.Ordinal));
        var hidden = JsonNode.Parse(await _client.Http.GetStringAsync($"open311/v2/requests/{sensitive}.json"))![0]!;
        Assert.Null(hidden["service_code"]);
        Assert.Null(hidden["address_id"]);
        Assert.Null(hidden["agency_responsible"]);

        // An id is a tracking code, the key to a request: no query lists requests, whatever its filters.
        var tooMany = string.Join(',', Enumerable.Repeat(health, 51));
        foreach (var query in new[] { string.Empty, "service_code=health", "status=open", "start_date=2020-01-01T00:00:00Z", "start_date=9999-12-31T00:00:00Z", $"service_request_id={tooMany}" })
        {
            var response = await _client.Http.GetAsync($"open311/v2/requests.json?lang=en&{query}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(400, JsonNode.Parse(body)![0]!["code"]!.GetValue<int>());
            Assert.StartsWith("service_request_id: ", JsonNode.Parse(body)![0]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.DoesNotContain(health, body, StringComparison.Ordinal);
        }

        var xml = await _client.Http.GetAsync("open311/v2/requests.xml");
        Assert.Equal(HttpStatusCode.BadRequest, xml.StatusCode);
        Assert.Equal("400", XDocument.Parse(await xml.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);

        var missing = await _client.Http.GetAsync("open311/v2/requests/ABCDE-23456.xml");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("404", XDocument.Parse(await missing.Content.ReadAsStringAsync()).Root!.Element("error")!.Element("code")!.Value);
    }

    private async Task<string> PostAsync(IEnumerable<(string Name, string Value)> fields)
    {
        var response = await _client.PostAsync("json", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())![0]!["service_request_id"]!.GetValue<string>();
    }

    private static List<string> Ids(string json) =>
        JsonNode.Parse(json)!.AsArray().Select(r => r!["service_request_id"]!.GetValue<string>()).ToList();
}
