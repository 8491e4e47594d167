using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;

namespace NgoFunctions.Core.Hsds;

/// <summary>Maps a registered NGO and its open-case count to HSDS 3.1 records (source of the field names
/// and required fields: the HSDS 3.1 schemas <c>organization.json</c>, <c>service.json</c>,
/// <c>service_area.json</c>, <c>service_capacity.json</c>, <c>unit.json</c>): the NGO is an
/// <c>organization</c>, each of its sectors a <c>service</c> with one <c>service_area</c> per P-code it covers
/// and its capacity. Names come from the reference data (<see cref="SectorCatalogue"/>,
/// <see cref="LocationCatalogue"/>); English is the primary language of HSDS names, Arabic the alternate.
/// Sector codes the catalogue does not know (none pass the registry's validation) are left out.</summary>
public sealed class HsdsMapper(SectorCatalogue sectors, LocationCatalogue locations)
{
    /// <summary>The NGO as an organization; <paramref name="services"/> only for the single-organization answer.</summary>
    public HsdsOrganization Organization(Ngo ngo, IReadOnlyList<HsdsService>? services = null) => new(
        HsdsIds.Organization(ngo.Id),
        ngo.Name.En,
        ngo.Name.Ar,
        Describe(ngo),
        services);

    /// <summary>The sectors the NGO is listed with: its registered sector codes the catalogue knows, in registration order.</summary>
    public IReadOnlyList<Sector> SectorsOf(Ngo ngo) =>
        ngo.Sectors.Select(sectors.Find).OfType<Sector>().DistinctBy(s => s.Code).ToList();

    /// <summary>Every service of the NGO, in <see cref="SectorsOf"/> order.</summary>
    /// <param name="ngo">The NGO.</param>
    /// <param name="openCases">Its open-case counter (cases routed to it and not yet closed).</param>
    /// <param name="readAt">When the counter was read (UTC): the capacities' <c>updated</c>.</param>
    public IReadOnlyList<HsdsService> Services(Ngo ngo, int openCases, DateTimeOffset readAt) =>
        SectorsOf(ngo).Select(s => Service(ngo, s, openCases, readAt)).ToList();

    /// <summary>The NGO's service in <paramref name="sector"/>; see <see cref="Services"/> for the other parameters.</summary>
    public HsdsService Service(Ngo ngo, Sector sector, int openCases, DateTimeOffset readAt)
    {
        var id = HsdsIds.Service(ngo.Id, sector.Code);
        return new HsdsService(
            id,
            HsdsIds.Organization(ngo.Id),
            $"{sector.Name.En} — {ngo.Name.En}",
            $"{sector.Name.Ar} — {ngo.Name.Ar}",
            sector.Description.En,
            HsdsService.Active,
            ngo.Coverage.Distinct(StringComparer.Ordinal).Select(p => Area(ngo, sector, id, p)).ToList(),
            [Capacity(ngo, sector, openCases, readAt)]);
    }

    private HsdsServiceArea Area(Ngo ngo, Sector sector, Guid serviceId, string pCode) => new(
        HsdsIds.ServiceArea(ngo.Id, sector.Code, pCode),
        serviceId,
        AreaName(pCode),
        AreaDescription(pCode),
        pCode,
        HsdsServiceArea.TextExtent);

    private static HsdsServiceCapacity Capacity(Ngo ngo, Sector sector, int openCases, DateTimeOffset readAt) => new(
        HsdsIds.ServiceCapacity(ngo.Id, sector.Code),
        HsdsUnit.OpenCases,
        Math.Max(0, ngo.Capacity - openCases),
        ngo.Capacity,
        $"Places for new cases at {ngo.Name.En}: its capacity (maximum) less the cases it holds open; shared by all its services.",
        readAt.ToUniversalTime());

    private string AreaName(string pCode) =>
        pCode == LocationCatalogue.CountryPCode ? "Syria" : locations.Find(pCode)?.Name.En ?? pCode;

    // "Jaramana sub-district, Rural Damascus district, Rural Damascus governorate, OCHA P-code SY030100":
    // the chain up to the governorate, since names repeat across levels and governorates.
    private string AreaDescription(string pCode)
    {
        if (pCode == LocationCatalogue.CountryPCode)
        {
            return $"All of Syria, OCHA P-code {pCode}";
        }

        var chain = new List<string>();
        for (var area = locations.Find(pCode); area is not null; area = locations.Find(area.ParentPCode))
        {
            chain.Add($"{area.Name.En} {LevelName(area.Level)}");
        }

        return chain.Count == 0 ? $"OCHA P-code {pCode}" : $"{string.Join(", ", chain)}, OCHA P-code {pCode}";
    }

    private static string LevelName(AdminLevel level) => level switch
    {
        AdminLevel.Governorate => "governorate",
        AdminLevel.District => "district",
        AdminLevel.SubDistrict => "sub-district",
        _ => "area",
    };

    // "X takes citizens' requests for Health and Food in Damascus and Aleppo.": names once each, since a
    // district often bears its governorate's name.
    private string Describe(Ngo ngo)
    {
        var where = ngo.Coverage.Contains(LocationCatalogue.CountryPCode)
            ? "across Syria"
            : "in " + EnglishList(ngo.Coverage.Select(AreaName).Distinct(StringComparer.Ordinal).ToList());
        return $"{ngo.Name.En} takes citizens' requests for {EnglishList(SectorsOf(ngo).Select(s => s.Name.En).ToList())} {where}.";
    }

    private static string EnglishList(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "no listed sector",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
