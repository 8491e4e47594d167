using System.Globalization;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>The coverage matrix as CSV for humanitarian tools: RFC 4180 quoting by CsvHelper, UTF-8
/// with a byte-order mark (so Excel shows Arabic), a header row, then an HXL hashtag row, then one
/// row per sector × governorate: its coverage gap (no NGO) and capacity gap (NGOs all full, requests
/// waiting), new columns last so readers by position keep theirs. Request, Unroutable and Waitlisted counts pass <see cref="SmallCells"/>; NGO counts are
/// organisations, not people, and are written as they are.</summary>
public sealed class CoverageCsvExport(SectorCatalogue sectors, LocationCatalogue locations)
{
    /// <summary>The header row.</summary>
    public static readonly IReadOnlyList<string> Headers =
    [
        "date_from", "date_to", "sector_code", "sector_name_ar", "sector_name_en", "adm1_pcode", "adm1_name_ar", "adm1_name_en",
        "ngos_covering", "requests", "unroutable_requests", "gap", "waitlisted_requests", "capacity_gap",
    ];

    /// <summary>The HXL hashtag row, column for column under <see cref="Headers"/>: core HXL 1.1
    /// hashtags; the counts carry <c>+num</c> (a suppressed one is <c>&lt;5</c>), the yes/no gap
    /// flags do not.</summary>
    public static readonly IReadOnlyList<string> Hashtags =
    [
        "#date+start", "#date+end", "#sector+code", "#sector+name+i_ar", "#sector+name+i_en", "#adm1+code", "#adm1+name+i_ar", "#adm1+name+i_en",
        "#org+num", "#indicator+requests+num", "#indicator+unroutable+num", "#indicator+gap", "#indicator+waitlisted+num", "#indicator+gap+capacity",
    ];

    /// <summary>The download's file name: <c>coverage-{from}-{to}.csv</c> (days as <c>yyyy-MM-dd</c>, invariant).</summary>
    public static string FileName(CoverageMatrix matrix) =>
        string.Create(CultureInfo.InvariantCulture, $"coverage-{matrix.From:yyyy-MM-dd}-{matrix.To:yyyy-MM-dd}.csv");

    /// <summary>The file's bytes.</summary>
    public byte[] Write(CoverageMatrix matrix) => ExportCsv.Utf8WithBom(csv =>
    {
        ExportCsv.WriteRow(csv, Headers);
        ExportCsv.WriteRow(csv, Hashtags);
        foreach (var cell in matrix.Cells)
        {
            ExportCsv.WriteRow(csv,
            [
                ExportCsv.Day(matrix.From),
                ExportCsv.Day(matrix.To),
                .. ExportCsv.Coded(cell.Sector, sectors.Find(cell.Sector)?.Name),
                .. ExportCsv.Coded(cell.Governorate, locations.Find(cell.Governorate)?.Name),
                cell.Ngos.Count.ToString(CultureInfo.InvariantCulture),
                SmallCells.Count(cell.Demand),
                SmallCells.Count(cell.Unroutable),
                cell.Gap ? "yes" : "no",
                SmallCells.Count(cell.Waitlisted),
                cell.CapacityGap ? "yes" : "no",
            ]);
        }
    });
}
