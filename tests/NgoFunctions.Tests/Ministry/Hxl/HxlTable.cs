using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;

namespace NgoFunctions.Tests.Ministry.Hxl;

/// <summary>One column's HXL tag specification: <c>#sector+name+i_ar</c> is hashtag <c>sector</c>
/// with attributes <c>name</c> and <c>i_ar</c>.</summary>
/// <param name="Spec">The cell as written.</param>
/// <param name="Hashtag">The hashtag without <c>#</c>, as written (HXL compares it case-insensitively).</param>
/// <param name="Attributes">The attributes without <c>+</c>, in order.</param>
internal sealed record HxlColumn(string Spec, string Hashtag, IReadOnlyList<string> Attributes)
{
    /// <summary>Whether the column carries <paramref name="attribute"/>.</summary>
    public bool Has(string attribute) => Attributes.Contains(attribute, StringComparer.Ordinal);
}

/// <summary>A CSV file read the way HXL tools read it (HXL 1.1 standard, "hashtag row"; libhxl does
/// the same): decode UTF-8 (a byte-order mark is dropped), parse RFC 4180, then look at the first 25
/// rows for the hashtag row, the first row whose non-blank cells are all tag specifications (at least
/// one). Rows above it are text headers, rows below are data.</summary>
internal sealed partial class HxlTable
{
    private const int RowsSearched = 25;

    private HxlTable(int tagRow, IReadOnlyList<HxlColumn?> columns, IReadOnlyList<string[]> headerRows, IReadOnlyList<string[]> dataRows)
    {
        TagRow = tagRow;
        Columns = columns;
        HeaderRows = headerRows;
        DataRows = dataRows;
    }

    /// <summary>Zero-based index of the hashtag row, -1 when none was found.</summary>
    public int TagRow { get; }

    /// <summary>One entry per cell of the hashtag row; null where the cell is blank (an untagged column).</summary>
    public IReadOnlyList<HxlColumn?> Columns { get; }

    /// <summary>The rows above the hashtag row.</summary>
    public IReadOnlyList<string[]> HeaderRows { get; }

    /// <summary>The rows below the hashtag row.</summary>
    public IReadOnlyList<string[]> DataRows { get; }

    /// <summary>Reads <paramref name="bytes"/>, a whole CSV file.</summary>
    public static HxlTable Read(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { HasHeaderRecord = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(csv.Record!);
        }

        for (var i = 0; i < Math.Min(RowsSearched, rows.Count); i++)
        {
            var cells = rows[i];
            if (cells.Any(c => c.Trim().Length > 0) && cells.All(c => c.Trim().Length == 0 || TagSpec().IsMatch(c)))
            {
                return new HxlTable(i, cells.Select(Column).ToList(), rows[..i], rows[(i + 1)..]);
            }
        }

        return new HxlTable(-1, [], rows, []);
    }

    /// <summary>The values of <paramref name="column"/> in every data row (empty where a row is short).</summary>
    public IEnumerable<string> Values(int column) => DataRows.Select(r => column < r.Length ? r[column] : string.Empty);

    private static HxlColumn? Column(string cell)
    {
        if (cell.Trim().Length == 0)
        {
            return null;
        }

        var parts = cell.Split('+').Select(p => p.Trim()).ToList();
        return new HxlColumn(cell, parts[0].TrimStart('#'), parts[1..]);
    }

    // The standard's tag specification: '#', a hashtag, then any number of '+attribute'; each name a
    // letter then letters, digits or underscores; whitespace around the parts is tolerated by readers.
    [GeneratedRegex(@"^\s*#[A-Za-z][A-Za-z0-9_]*(\s*\+\s*[A-Za-z][A-Za-z0-9_]*)*\s*$")]
    private static partial Regex TagSpec();
}
