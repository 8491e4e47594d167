using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Open311;

/// <summary>What the GeoReport v2 read endpoints say, built from the reference data: one service per
/// sector (<see cref="SectorCatalogue"/>), one definition per service whose attributes are the intake's
/// fields (urgency levels, OCHA P-codes of <see cref="LocationCatalogue"/>, vulnerability codes, sensitive,
/// consent), and the discovery document. Texts in Arabic or English (<see cref="Texts"/>, <c>open311.*.json</c>).
/// Source of the shapes: GeoReport v2 (https://wiki.open311.org/GeoReport_v2/).</summary>
public sealed class Open311Catalogue(SectorCatalogue sectors, LocationCatalogue locations, Texts texts)
{
    /// <summary>The spec, as the discovery document names it.</summary>
    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>When the service list (sectors and attributes) last changed: the discovery's changeset.
    /// Move it whenever a sector or an attribute changes, so clients know to read the list again.</summary>
    public static readonly DateTimeOffset Changeset = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

    // Sectors grouped as a civic-report app shows them; every sector is in exactly one group.
    private static readonly Dictionary<string, string> GroupOf = new(StringComparer.Ordinal)
    {
        ["food"] = "basic-needs",
        ["shelter"] = "basic-needs",
        ["wash"] = "basic-needs",
        ["health"] = "health-and-care",
        ["disability"] = "health-and-care",
        ["psychosocial"] = "health-and-care",
        ["protection"] = "protection",
        ["education"] = "education-and-livelihoods",
        ["livelihoods"] = "education-and-livelihoods",
    };

    /// <summary>Every service, one per sector in the catalogue's order.</summary>
    public IReadOnlyList<Open311Service> Services(Language language) =>
        sectors.All.Select(s => new Open311Service(
            s.Code,
            s.Name.In(language),
            s.Description.In(language),
            Metadata: true,
            Type: "realtime",
            Keywords: string.Join(", ", s.Description.In(language).Split(['،', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            Group: texts.Get($"open311.group.{GroupOf[s.Code]}", language))).ToList();

    /// <summary>The definition of the service <paramref name="serviceCode"/> (a sector code), or <c>null</c>
    /// when no sector has it.</summary>
    public Open311ServiceDefinition? Definition(string? serviceCode, Language language)
    {
        if (sectors.Find(serviceCode) is not { } sector)
        {
            return null;
        }

        var districts = locations.Governorates
            .SelectMany(g => locations.ChildrenOf(g.PCode).Select(d => Value(d.PCode, $"{d.Name.In(language)} — {g.Name.In(language)}")))
            .ToList();
        return new Open311ServiceDefinition(sector.Code,
        [
            Attribute(Open311Attributes.Urgency, "singlevaluelist", required: false, 1, language,
                UrgencyLevels.Codes.Select(c => Value(c, texts.Get($"urgency.{c}", language))).ToList()),
            Attribute(Open311Attributes.Governorate, "singlevaluelist", required: false, 2, language,
                locations.Governorates.Select(g => Value(g.PCode, g.Name.In(language))).ToList()),
            Attribute(Open311Attributes.District, "singlevaluelist", required: false, 3, language, districts),
            Attribute(Open311Attributes.Vulnerabilities, "multivaluelist", required: false, 4, language,
                Vulnerabilities.All.Select(v => Value(v.Code, v.Label.In(language))).ToList()),
            Attribute(Open311Attributes.Sensitive, "singlevaluelist", required: false, 5, language,
                [Value("true", texts.Get("open311.yes", language)), Value("false", texts.Get("open311.no", language))]),
            Attribute(Open311Attributes.Consent, "singlevaluelist", required: true, 6, language,
                [Value("true", texts.Get("open311.consent.yes", language))]),
        ]);
    }

    /// <summary>The discovery document for an endpoint whose base URL is <paramref name="endpointUrl"/>.</summary>
    public Open311Discovery Discovery(string endpointUrl, Language language) => new(
        Changeset,
        texts.Get("open311.discovery.contact", language),
        texts.Get("open311.discovery.keyService", language),
        [new Open311Endpoint(Specification, endpointUrl, Changeset, "production", ["text/xml", "application/json"])]);

    private Open311Attribute Attribute(string code, string datatype, bool required, int order, Language language, IReadOnlyList<Open311AttributeValue> values) =>
        new(Variable: true, code, datatype, required, texts.Get($"open311.attribute.{code}.datatype", language), order,
            texts.Get($"open311.attribute.{code}", language), values);

    private static Open311AttributeValue Value(string key, string name) => new(key, name);
}
