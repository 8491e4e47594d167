using System.Xml.Linq;
using NgoFunctions.App.Open311;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Open311;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Tests.Open311;

/// <summary>The XML of GeoReport v2 is written from the same tree as its JSON: element names and order as
/// the spec's examples, empty elements for nulls, the spec's item names for lists; the catalogue covers every
/// sector in both languages; extensions and intake fields map as documented.</summary>
[Trait("Category", "Unit")]
public sealed class Open311XmlTests
{
    private static readonly Open311Catalogue Catalogue = new(new SectorCatalogue(), new LocationCatalogue(), new Texts());

    [Fact]
    public void ServiceList_ServicesOfService_FieldsInOrder_BooleansAsWords()
    {
        var xml = Open311Xml.Document(Open311Json.ToNode(Catalogue.Services(Language.En)), "services", "service");

        Assert.Equal("utf-8", xml.Declaration!.Encoding);
        Assert.Equal(9, xml.Root!.Elements("service").Count());
        var first = xml.Root.Elements().First();
        Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], first.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("true", first.Element("metadata")!.Value);
    }

    [Fact]
    public void Created_NullAccountId_IsAnEmptyElement_AndArabicStaysText()
    {
        var text = Open311Xml.Text(Open311Xml.Document(
            Open311Json.ToNode(new[] { new Open311RequestCreated("QD76X-DEZ4A", "استلمنا الطلب", null) }), "service_requests", "request"));

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        Assert.Contains("<service_notice>استلمنا الطلب</service_notice>", text, StringComparison.Ordinal);
        var request = XDocument.Parse(text).Root!.Element("request")!;
        Assert.True(request.Element("account_id")!.IsEmpty);
    }

    [Fact]
    public void ServiceDefinition_AttributesOfAttribute_ValuesOfValue()
    {
        var xml = Open311Xml.Document(Open311Json.ToNode(Catalogue.Definition("food", Language.Ar)!), "service_definition");

        var attribute = xml.Root!.Element("attributes")!.Elements().First();
        Assert.Equal("attribute", attribute.Name.LocalName);
        Assert.Equal(["value"], attribute.Element("values")!.Elements().Select(e => e.Name.LocalName).Distinct());
    }

    [Fact]
    public void Catalogue_EverySectorHasAGroupAndADefinition_InBothLanguages()
    {
        foreach (var language in new[] { Language.Ar, Language.En })
        {
            var services = Catalogue.Services(language);
            Assert.Equal(new SectorCatalogue().All.Select(s => s.Code), services.Select(s => s.ServiceCode));
            Assert.All(services, s => Assert.False(string.IsNullOrWhiteSpace(s.Group)));
            Assert.All(services, s => Assert.NotNull(Catalogue.Definition(s.ServiceCode, language)));
        }

        Assert.Null(Catalogue.Definition("weapons", Language.En));
        Assert.Null(Catalogue.Definition(null, Language.En));
    }

    [Theory]
    [InlineData("json", Open311Format.Json)]
    [InlineData("XML", Open311Format.Xml)]
    [InlineData("csv", null)]
    [InlineData(null, null)]
    public void Formats_ByExtension(string? extension, Open311Format? expected) => Assert.Equal(expected, Open311Formats.Parse(extension));

    [Theory]
    [InlineData("sector", "service_code")]
    [InlineData("consent", "attribute[consent]")]
    [InlineData("governorate", "attribute[governorate]")]
    [InlineData("name", "first_name")]
    [InlineData("phone", "phone")]
    [InlineData("subDistrict", "address_id")]
    public void IntakeFields_AreNamedAsOpen311NamesThem(string intake, string open311) => Assert.Equal(open311, Open311Intake.Open311Field(intake));
}
