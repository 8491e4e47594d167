using System.Globalization;
using System.Text;
using CsvHelper;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>What every ministry export writes alike: RFC 4180 rows through CsvHelper, UTF-8 with a
/// byte-order mark (so Excel shows Arabic), days as <c>yyyy-MM-dd</c>, and a coded value (sector,
/// P-code) followed by its Arabic and English names.</summary>
public static class ExportCsv
{
    /// <summary>A whole file: <paramref name="write"/> fills it row by row; returned with the BOM.</summary>
    public static byte[] Utf8WithBom(Action<CsvWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture))
        {
            write(csv);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>Writes one row (each field quoted as RFC 4180 needs) and ends it.</summary>
    public static void WriteRow(CsvWriter csv, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        csv.NextRecord();
    }

    /// <summary><c>[code, Arabic name, English name]</c>; a code the catalogue does not know (null
    /// <paramref name="name"/>) is repeated as its names; a null code gives three empty fields.</summary>
    public static string[] Coded(string? code, LocalizedName? name) =>
        [code ?? string.Empty, name?.Ar ?? code ?? string.Empty, name?.En ?? code ?? string.Empty];

    /// <summary>A day as exported: <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
