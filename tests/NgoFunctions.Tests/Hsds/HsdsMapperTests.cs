using System.Text.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Hsds;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;

namespace NgoFunctions.Tests.Hsds;

/// <summary>An NGO and its open-case count as HSDS 3.1 records: the fields each schema requires are
/// there, filled from the registry, the reference data and the live load.</summary>
[Trait("Category", "Unit")]
public sealed class HsdsMapperTests
{
    // The "required" arrays of the HSDS 3.1 schemas (openreferral/specification, branch 3.1-dev):
    // schema/organization.json, schema/service.json, schema/service_area.json,
    // schema/service_capacity.json and schema/unit.json.
    private static readonly string[] OrganizationRequired = ["id", "name", "description"];
    private static readonly string[] ServiceRequired = ["id", "name", "status"];
    private static readonly string[] ServiceAreaRequired = ["id"];
    private static readonly string[] ServiceCapacityRequired = ["id", "unit", "available", "updated"];
    private static readonly string[] UnitRequired = ["id", "name"];

    // service.json's "status" enum.
    private static readonly string[] ServiceStatuses = ["active", "inactive", "defunct", "temporarily closed"];

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset ReadAt = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly HsdsMapper _mapper = new(new SectorCatalogue(), new LocationCatalogue());

    private static Ngo IdlibRehab(int capacity = 10) => new(
        "idlib-rehab", new LocalizedName("جمعية إدلب لإعادة التأهيل", "Idlib Rehabilitation Society"),
        ["disability", "health"], ["SY07", "SY0700", "SY070000"], capacity, Active: true);

    [Fact]
    public void Organization_HasEveryRequiredField_WithArabicAsAlternateName()
    {
        var ngo = IdlibRehab();
        var json = Json(_mapper.Organization(ngo, _mapper.Services(ngo, 3, ReadAt)));

        AssertHas(json, OrganizationRequired);
        Assert.Equal(HsdsIds.Organization("idlib-rehab").ToString(), json["id"]!.GetValue<string>());
        Assert.Equal("Idlib Rehabilitation Society", json["name"]!.GetValue<string>());
        Assert.Equal("جمعية إدلب لإعادة التأهيل", json["alternate_name"]!.GetValue<string>());
        Assert.Equal(
            "Idlib Rehabilitation Society takes citizens' requests for Disability and Health in Idleb.",
            json["description"]!.GetValue<string>());
        Assert.Equal(2, json["services"]!.AsArray().Count);
    }

    [Fact]
    public void Organization_InAList_HasNoServicesField()
    {
        var json = Json(_mapper.Organization(IdlibRehab()));

        Assert.False(json.ContainsKey("services"));
    }

    [Fact]
    public void Services_OnePerSector_EachWithRequiredFieldsAreasAndCapacity()
    {
        var services = _mapper.Services(IdlibRehab(capacity: 10), openCases: 3, ReadAt).Select(Json).ToList();

        Assert.Equal(["disability", "health"], services.Select(s => SectorOf(s["id"]!)));
        foreach (var service in services)
        {
            AssertHas(service, ServiceRequired);
            Assert.Contains(service["status"]!.GetValue<string>(), ServiceStatuses);
            Assert.Equal("active", service["status"]!.GetValue<string>());
            Assert.Equal(HsdsIds.Organization("idlib-rehab").ToString(), service["organization_id"]!.GetValue<string>());

            var areas = service["service_areas"]!.AsArray().Select(a => a!.AsObject()).ToList();
            Assert.All(areas, a => AssertHas(a, ServiceAreaRequired));
            Assert.Equal(["SY07", "SY0700", "SY070000"], areas.Select(a => a["extent"]!.GetValue<string>()));
            Assert.All(areas, a => Assert.Equal("text", a["extent_type"]!.GetValue<string>()));
            Assert.All(areas, a => Assert.Equal(service["id"]!.GetValue<string>(), a["service_id"]!.GetValue<string>()));

            var capacity = Assert.Single(service["capacities"]!.AsArray())!.AsObject();
            AssertHas(capacity, ServiceCapacityRequired);
            AssertHas(capacity["unit"]!.AsObject(), UnitRequired);
            Assert.Equal("open cases", capacity["unit"]!["name"]!.GetValue<string>());
            Assert.Equal(7, capacity["available"]!.GetValue<int>());
            Assert.Equal(10, capacity["maximum"]!.GetValue<int>());
            Assert.Equal(ReadAt, DateTimeOffset.Parse(capacity["updated"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal("Health — Idlib Rehabilitation Society", services[1]["name"]!.GetValue<string>());
        Assert.Equal("الصحة — جمعية إدلب لإعادة التأهيل", services[1]["alternate_name"]!.GetValue<string>());
        var district = services[1]["service_areas"]![1]!;
        Assert.Equal("Idleb", district["name"]!.GetValue<string>());
        Assert.Equal("Idleb district, Idleb governorate, OCHA P-code SY0700", district["description"]!.GetValue<string>());
    }

    [Fact]
    public void Capacity_NeverBelowZero_AndNationalCoverageIsSyria()
    {
        var ngo = IdlibRehab(capacity: 2) with { Coverage = ["SY"] };

        var service = _mapper.Services(ngo, openCases: 5, ReadAt)[0];

        Assert.Equal(0, service.Capacities[0].Available);
        Assert.Equal(2, service.Capacities[0].Maximum);
        var area = Assert.Single(service.ServiceAreas);
        Assert.Equal(("Syria", "SY"), (area.Name, area.Extent));
    }

    [Fact]
    public void ApiInfo_NamesHsds31()
    {
        var json = Json(HsdsApiInfo.For("https://example.org/api/openapi.json"));

        Assert.Equal("3.1", json["version"]!.GetValue<string>());
        Assert.Equal("https://example.org/api/openapi.json", json["openapi_url"]!.GetValue<string>());
        Assert.True(Uri.IsWellFormedUriString(json["profile"]!.GetValue<string>(), UriKind.Absolute));
    }

    private static string SectorOf(JsonNode id) =>
        new[] { "disability", "health" }.Single(s => HsdsIds.Service("idlib-rehab", s).ToString() == id.GetValue<string>());

    private static JsonObject Json<T>(T record) => JsonSerializer.SerializeToNode(record, Web)!.AsObject();

    private static void AssertHas(JsonObject json, string[] required)
    {
        var missing = required.Where(f => json[f] is null || (json[f] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)).ToList();
        Assert.True(missing.Count == 0, $"missing required HSDS fields: {string.Join(", ", missing)} in {json.ToJsonString()}");
    }
}
