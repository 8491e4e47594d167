using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Open311;

/// <summary>The GeoReport v2 read endpoints through the real worker process, checked against the spec
/// (https://wiki.open311.org/GeoReport_v2/): discovery, the service list and a service definition, in
/// JSON and in XML with the spec's element names in the spec's order, names in the caller's language,
/// and 404 in the spec's error form.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class Open311ServiceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    // The spec's fields, in its order.
    private static readonly string[] ServiceFields = ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
    private static readonly string[] AttributeFields = ["variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"];
    private static readonly string[] Sectors = ["health", "education", "food", "shelter", "wash", "protection", "livelihoods", "disability", "psychosocial"];

    private TestSystem _system = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        _client = new HttpClient { BaseAddress = _system.Http.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Services_Json_OnePerSector_InTheSpecsFields_ArabicByDefault_EnglishByAcceptLanguage()
    {
        var arabic = await GetJsonAsync("open311/v2/services.json");
        var english = await GetJsonAsync("open311/v2/services.json", "en-GB,en;q=0.9");

        var services = arabic.AsArray();
        Assert.Equal(Sectors, services.Select(s => s!["service_code"]!.GetValue<string>()));
        Assert.All(services, s => Assert.Equal(ServiceFields, s!.AsObject().Select(p => p.Key)));
        Assert.All(services, s => Assert.Equal("realtime", s!["type"]!.GetValue<string>()));
        Assert.All(services, s => Assert.True(s!["metadata"]!.GetValue<bool>()));
        Assert.Equal("الصحة", services[0]!["service_name"]!.GetValue<string>());
        Assert.Equal("Health", english[0]!["service_name"]!.GetValue<string>());
        Assert.Equal("Clinics, medicines, dispensaries", english[0]!["keywords"]!.GetValue<string>());
        Assert.Equal("Health and care", english[0]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task Services_Xml_ServicesOfServiceElements_InTheSpecsOrder_Utf8()
    {
        var response = await _client.GetAsync("open311/v2/services.xml");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        var root = XDocument.Parse(text).Root!;
        Assert.Equal("services", root.Name.LocalName);
        Assert.All(root.Elements(), s => Assert.Equal("service", s.Name.LocalName));
        Assert.Equal(Sectors, root.Elements().Select(s => s.Element("service_code")!.Value));
        Assert.All(root.Elements(), s => Assert.Equal(ServiceFields, s.Elements().Select(e => e.Name.LocalName)));
        Assert.Equal("الصحة", root.Elements().First().Element("service_name")!.Value);
        Assert.Equal("true", root.Elements().First().Element("metadata")!.Value);
    }

    [Fact]
    public async Task ServiceDefinition_JsonAndXml_TheIntakesAttributes_WithTheSpecsFields()
    {
        var json = await GetJsonAsync("open311/v2/services/health.json", "en");
        var xml = XDocument.Parse(await _client.GetStringAsync("open311/v2/services/health.xml?lang=en")).Root!;

        Assert.Equal("health", json["service_code"]!.GetValue<string>());
        var attributes = json["attributes"]!.AsArray();
        Assert.Equal(["urgency", "governorate", "district", "vulnerabilities", "sensitive", "consent"], attributes.Select(a => a!["code"]!.GetValue<string>()));
        Assert.All(attributes, a => Assert.Equal(AttributeFields, a!.AsObject().Select(p => p.Key)));
        Assert.Equal([1, 2, 3, 4, 5, 6], attributes.Select(a => a!["order"]!.GetValue<int>()));
        var byCode = attributes.ToDictionary(a => a!["code"]!.GetValue<string>(), a => a!);
        Assert.Equal("singlevaluelist", byCode["urgency"]["datatype"]!.GetValue<string>());
        Assert.Equal(["emergency", "urgent", "normal"], byCode["urgency"]["values"]!.AsArray().Select(v => v!["key"]!.GetValue<string>()));
        Assert.Equal("multivaluelist", byCode["vulnerabilities"]["datatype"]!.GetValue<string>());
        Assert.Equal(14, byCode["governorate"]["values"]!.AsArray().Count);
        Assert.Contains(byCode["district"]["values"]!.AsArray(), v => v!["key"]!.GetValue<string>() == "SY0100");
        Assert.True(byCode["consent"]["required"]!.GetValue<bool>());
        Assert.False(byCode["urgency"]["required"]!.GetValue<bool>());

        Assert.Equal("service_definition", xml.Name.LocalName);
        Assert.Equal(["service_code", "attributes"], xml.Elements().Select(e => e.Name.LocalName));
        var xmlAttributes = xml.Element("attributes")!.Elements().ToList();
        Assert.All(xmlAttributes, a => Assert.Equal("attribute", a.Name.LocalName));
        Assert.All(xmlAttributes, a => Assert.Equal(AttributeFields, a.Elements().Select(e => e.Name.LocalName)));
        var urgency = xmlAttributes.Single(a => a.Element("code")!.Value == "urgency");
        Assert.All(urgency.Element("values")!.Elements(), v => Assert.Equal(["key", "name"], v.Elements().Select(e => $"{e.Name.LocalName}")));
        Assert.All(urgency.Element("values")!.Elements(), v => Assert.Equal("value", v.Name.LocalName));
        Assert.Equal("Emergency (within 24 hours)", urgency.Element("values")!.Elements().First().Element("name")!.Value);
    }

    [Fact]
    public async Task Discovery_JsonAndXml_NamesThisEndpoint_TheSpecAndBothFormats()
    {
        var json = await GetJsonAsync("open311/v2/discovery.json");
        var xml = XDocument.Parse(await _client.GetStringAsync("open311/v2/discovery.xml")).Root!;

        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], json.AsObject().Select(p => p.Key));
        var endpoint = Assert.Single(json["endpoints"]!.AsArray())!;
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint["specification"]!.GetValue<string>());
        Assert.Equal(new Uri(_client.BaseAddress!, "open311/v2").ToString(), endpoint["url"]!.GetValue<string>());
        Assert.Equal(["text/xml", "application/json"], endpoint["formats"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$", json["changeset"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(json["changeset"]!.GetValue<string>(), out _));

        Assert.Equal("discovery", xml.Name.LocalName);
        Assert.Equal(["changeset", "contact", "key_service", "endpoints"], xml.Elements().Select(e => e.Name.LocalName));
        var xmlEndpoint = xml.Element("endpoints")!.Elements().Single();
        Assert.Equal("endpoint", xmlEndpoint.Name.LocalName);
        Assert.Equal(["specification", "url", "changeset", "type", "formats"], xmlEndpoint.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(["format", "format"], xmlEndpoint.Element("formats")!.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task UnknownServiceOrFormat_404_InTheSpecsErrorForm_InTheCallersLanguage()
    {
        var json = await _client.GetAsync("open311/v2/services/weapons.json");
        var xml = await _client.GetAsync("open311/v2/services/weapons.xml?lang=en");
        var format = await _client.GetAsync("open311/v2/services.csv");

        Assert.All([json, xml, format], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var error = Assert.Single(JsonNode.Parse(await json.Content.ReadAsStringAsync())!.AsArray())!;
        Assert.Equal(["code", "description"], error.AsObject().Select(p => p.Key));
        Assert.Equal(404, error["code"]!.GetValue<int>());
        Assert.Contains("service_code", error["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("لا توجد", error["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var root = XDocument.Parse(await xml.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("errors", root.Name.LocalName);
        var xmlError = root.Elements().Single();
        Assert.Equal("error", xmlError.Name.LocalName);
        Assert.Equal(["code", "description"], xmlError.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("404", xmlError.Element("code")!.Value);
        Assert.StartsWith("No service", xmlError.Element("description")!.Value, StringComparison.Ordinal);
        Assert.Equal("application/json", format.Content.Headers.ContentType!.MediaType);
    }

    private async Task<JsonNode> GetJsonAsync(string path, string? acceptLanguage = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            message.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var response = await _client.SendAsync(message);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
