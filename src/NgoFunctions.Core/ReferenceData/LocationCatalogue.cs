using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.ReferenceData;

/// <summary>Syria's governorates, districts and sub-districts by OCHA P-code, loaded once from the
/// CSV files embedded in this assembly (OCHA COD-AB; see <see cref="Attribution"/> and
/// <c>ReferenceData/Data/SOURCES.md</c>).</summary>
public sealed class LocationCatalogue
{
    /// <summary>The P-code of the whole country, used for national coverage.</summary>
    public const string CountryPCode = "SY";

    /// <summary>The attribution the licence (CC BY-IGO 3.0) asks for wherever the data are shown.</summary>
    public const string Attribution =
        "Administrative boundaries, names and P-codes: Syrian Arab Republic – Subnational Administrative " +
        "Boundaries (COD-AB), United Nations Cartographic Section (UNCS) and UN OCHA, via the Humanitarian " +
        "Data Exchange (https://data.humdata.org/dataset/cod-ab-syr), licensed CC BY-IGO 3.0. Centroids " +
        "computed and governorate outlines simplified by the NgoFunctions project. The boundaries and names " +
        "shown and the designations used do not imply official endorsement or acceptance by the United Nations.";

    private readonly Dictionary<string, AdminArea> _byPCode;
    private readonly ILookup<string, AdminArea> _byParent;

    /// <summary>Loads the embedded CSV files. Throws <see cref="InvalidDataException"/> when a file is
    /// missing or a row names a parent that does not exist.</summary>
    public LocationCatalogue()
    {
        var areas = new List<AdminArea>();
        areas.AddRange(Read("syria_admin1.csv", AdminLevel.Governorate, parentColumn: null));
        areas.AddRange(Read("syria_admin2.csv", AdminLevel.District, parentColumn: "admin1_pcode"));
        areas.AddRange(Read("syria_admin3.csv", AdminLevel.SubDistrict, parentColumn: "admin2_pcode"));
        _byPCode = areas.ToDictionary(a => a.PCode, StringComparer.Ordinal);
        foreach (var area in areas.Where(a => a.Level != AdminLevel.Governorate && !_byPCode.ContainsKey(a.ParentPCode)))
        {
            throw new InvalidDataException($"P-code {area.PCode} names a parent {area.ParentPCode} that does not exist.");
        }

        _byParent = areas.ToLookup(a => a.ParentPCode, StringComparer.Ordinal);
        Governorates = _byParent[CountryPCode].OrderBy(a => a.PCode, StringComparer.Ordinal).ToList();
    }

    /// <summary>The 14 governorates, by P-code.</summary>
    public IReadOnlyList<AdminArea> Governorates { get; }

    /// <summary>The area with exactly this P-code (upper case), or <c>null</c>.</summary>
    public AdminArea? Find(string? pCode) => pCode is not null && _byPCode.TryGetValue(pCode, out var a) ? a : null;

    /// <summary>The areas one level below <paramref name="parentPCode"/>, by P-code.</summary>
    public IReadOnlyList<AdminArea> ChildrenOf(string parentPCode) =>
        _byParent[parentPCode].OrderBy(a => a.PCode, StringComparer.Ordinal).ToList();

    /// <summary>Whether <paramref name="pCode"/> names the country or an existing area.</summary>
    public bool IsKnownCoverage(string pCode) => pCode == CountryPCode || _byPCode.ContainsKey(pCode);

    private static IEnumerable<AdminArea> Read(string file, AdminLevel level, string? parentColumn)
    {
        var assembly = typeof(LocationCatalogue).Assembly;
        var resource = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith("." + file, StringComparison.Ordinal))
            ?? throw new InvalidDataException($"Embedded reference file {file} is missing.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var rows = new List<AdminArea>();
        while (csv.Read())
        {
            rows.Add(new AdminArea(
                PCode: csv.GetField("pcode")!,
                ParentPCode: parentColumn is null ? CountryPCode : csv.GetField(parentColumn)!,
                Level: level,
                Name: new LocalizedName(csv.GetField("name_ar")!, csv.GetField("name_en")!),
                Latitude: csv.GetField<double>("lat"),
                Longitude: csv.GetField<double>("lon")));
        }

        return rows;
    }
}
