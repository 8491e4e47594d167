using System.Globalization;
using System.Text.RegularExpressions;

namespace NgoFunctions.Tests.Ministry.Hxl;

/// <summary>What an export must be to count as valid HXL 1.1 here, checked on a read
/// <see cref="HxlTable"/>; each finding is one line naming the column.
/// <list type="bullet">
/// <item>A hashtag row exists and tags every column; each spec is in canonical form (lowercase, no
/// spaces, no repeated attribute).</item>
/// <item>Every hashtag is one of the dictionary's core hashtags (<see cref="HxlDictionary.Hashtags"/>).</item>
/// <item>Every attribute is a core attribute, a language attribute <c>+i_ar</c> / <c>+i_en</c> (the
/// system's languages), a vocabulary attribute <c>+v_…</c>, or a qualifier of an open hashtag
/// (<c>#indicator</c>, <c>#meta</c>), or <c>#date+updated</c> (the dictionary names dates reported,
/// occurred, approved, canceled and converted, not "last changed").</item>
/// <item>Numeric columns (<c>+num</c>, or a hashtag counted as numeric) hold a number or the
/// small-cell marker <c>&lt;5</c> in every row.</item>
/// <item><c>#date</c> columns hold ISO 8601 dates or UTC times; <c>#adm1+code</c> governorate
/// P-codes and <c>#adm2+code</c> district P-codes (or nothing); <c>+i_ar</c> columns Arabic script and
/// <c>+i_en</c> columns none.</item>
/// </list></summary>
internal static partial class HxlConformance
{
    private const string SuppressedCount = "<5";

    private static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "i_ar", "i_en" };

    /// <summary>Every finding in <paramref name="table"/>; empty when it conforms.</summary>
    public static IReadOnlyList<string> Check(HxlTable table)
    {
        if (table.TagRow < 0)
        {
            return ["no hashtag row in the first 25 rows"];
        }

        var findings = new List<string>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var header = table.HeaderRows.Count > 0 && i < table.HeaderRows[^1].Length ? table.HeaderRows[^1][i] : $"column {i + 1}";
            if (column is null)
            {
                findings.Add($"{header}: no hashtag");
                continue;
            }

            findings.AddRange(Spec(column).Concat(Values(column, table.Values(i).ToList())).Select(f => $"{header} ({column.Spec}): {f}"));
        }

        foreach (var (row, index) in table.DataRows.Select((r, n) => (r, n)))
        {
            if (row.Length != table.Columns.Count)
            {
                findings.Add($"data row {index + 1}: {row.Length} fields under {table.Columns.Count} hashtags");
            }
        }

        return findings;
    }

    private static IEnumerable<string> Spec(HxlColumn column)
    {
        var canonical = "#" + string.Concat(new[] { column.Hashtag }.Concat(column.Attributes).Select((p, n) => n == 0 ? p : "+" + p)).ToLowerInvariant();
        if (column.Spec != canonical)
        {
            yield return $"not in canonical form {canonical}";
        }

        if (!HxlDictionary.Hashtags.Contains(column.Hashtag))
        {
            yield return $"#{column.Hashtag} is not a core hashtag of the HXL 1.1 dictionary";
        }

        if (column.Attributes.Distinct(StringComparer.OrdinalIgnoreCase).Count() != column.Attributes.Count)
        {
            yield return "an attribute is repeated";
        }

        foreach (var attribute in column.Attributes.Where(a => !Allowed(column.Hashtag, a)))
        {
            yield return $"+{attribute} is neither a core attribute, a language or vocabulary attribute, nor a qualifier of an open hashtag";
        }
    }

    private static bool Allowed(string hashtag, string attribute) =>
        HxlDictionary.Attributes.Contains(attribute)
        || Languages.Contains(attribute)
        || VocabularyAttribute().IsMatch(attribute)
        || (DatasetAttribute().IsMatch(attribute) && (HxlDictionary.OpenHashtags.Contains(hashtag) || (hashtag, attribute) == ("date", "updated")));

    private static IEnumerable<string> Values(HxlColumn column, IReadOnlyList<string> values)
    {
        if (column.Has("num") || HxlDictionary.NumericHashtags.Contains(column.Hashtag))
        {
            foreach (var value in values.Where(v => v != SuppressedCount && !decimal.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _)).Distinct())
            {
                yield return $"'{value}' is neither a number nor {SuppressedCount}";
            }
        }

        if (column.Hashtag == "date")
        {
            foreach (var value in values.Where(v => !IsoDate().IsMatch(v)).Distinct())
            {
                yield return $"'{value}' is not an ISO 8601 date or UTC time";
            }
        }

        if (column.Has("code") && column.Hashtag is "adm1" or "adm2")
        {
            var pcode = column.Hashtag == "adm1" ? GovernoratePcode() : DistrictPcode();
            foreach (var value in values.Where(v => v.Length > 0 && !pcode.IsMatch(v)).Distinct())
            {
                yield return $"'{value}' is not a {column.Hashtag} P-code";
            }

            if (column.Hashtag == "adm1" && values.Any(v => v.Length == 0))
            {
                yield return "a governorate P-code is missing";
            }
        }

        if (column.Has("i_ar"))
        {
            foreach (var value in values.Where(v => v.Length > 0 && !ArabicLetter().IsMatch(v)).Distinct())
            {
                yield return $"'{value}' is tagged Arabic but has no Arabic letter";
            }
        }

        if (column.Has("i_en"))
        {
            foreach (var value in values.Where(v => ArabicLetter().IsMatch(v)).Distinct())
            {
                yield return $"'{value}' is tagged English but has Arabic letters";
            }
        }
    }

    [GeneratedRegex("^v_[a-z][a-z0-9_]*$")]
    private static partial Regex VocabularyAttribute();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex DatasetAttribute();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^SY\d{2}$")]
    private static partial Regex GovernoratePcode();

    [GeneratedRegex(@"^SY\d{4}$")]
    private static partial Regex DistrictPcode();

    [GeneratedRegex(@"\p{IsArabic}")]
    private static partial Regex ArabicLetter();
}
