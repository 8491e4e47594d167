using System.Text;
using NgoFunctions.Core.Ministry.Exports;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Ministry.Hxl;

/// <summary>The HXL check itself (it must catch what HXL tools would reject or misread), the hashtag
/// rows of the three ministry exports against the HXL 1.1 dictionary, and the export documentation
/// naming each column's tag. The exports' values, from a running system: <see cref="HxlExportTests"/>.</summary>
[Trait("Category", "Unit")]
public sealed class HxlConformanceTests
{
    public static TheoryData<string, string[], string[]> Exports() => new()
    {
        { "coverage.csv", [.. CoverageCsvExport.Headers], [.. CoverageCsvExport.Hashtags] },
        { "requests.csv", [.. RequestsCsvWriter.Headers], [.. RequestsCsvWriter.Hashtags] },
        { "stats.csv", [.. StatsCsvExport.Headers], [.. StatsCsvExport.Hashtags] },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public void ExportHashtagRow_IsFoundAndIsHxl11(string export, string[] headers, string[] hashtags)
    {
        var table = HxlTable.Read(Csv(string.Join(',', headers), string.Join(',', hashtags)));

        Assert.Equal(1, table.TagRow);
        Assert.Equal(headers.Length, table.Columns.Count);
        Assert.True(HxlConformance.Check(table).Count == 0, $"{export}: {string.Join("; ", HxlConformance.Check(table))}");
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public void ExportDocumentation_NamesEachColumnWithItsTag(string export, string[] headers, string[] hashtags)
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "ministry-api.md"));

        Assert.Empty(headers.Where(h => !docs.Contains($"`{h}`", StringComparison.Ordinal)).Select(h => $"{export}: {h}"));
        Assert.Empty(hashtags.Where(h => !docs.Contains($"`{h}`", StringComparison.Ordinal)).Select(h => $"{export}: {h}"));
    }

    [Fact]
    public void WellFormedFile_WithSuppressedCountsAndArabicNames_Conforms()
    {
        var table = HxlTable.Read(Csv(
            "date,governorate,name_ar,name_en,requests",
            "#date+reported,#adm1+code,#adm1+name+i_ar,#adm1+name+i_en,#indicator+requests+num",
            "2026-12-06T09:30:00Z,SY01,دمشق,Damascus,<5",
            "2026-12-06,SY14,القنيطرة,Quneitra,12"));

        Assert.Empty(HxlConformance.Check(table));
        Assert.Equal(2, table.DataRows.Count);
    }

    [Fact]
    public void HashtagRow_BelowSeveralTextHeaders_IsFound_AndAPlainCsvHasNone()
    {
        var tagged = HxlTable.Read(Csv("Title of the file", "sector", "#sector+code", "health"));
        var plain = HxlTable.Read(Csv("sector,governorate", "health,SY01"));

        Assert.Equal(2, tagged.TagRow);
        Assert.Equal(["no hashtag row in the first 25 rows"], HxlConformance.Check(plain));
    }

    [Theory]
    [InlineData("#channel", "x", "not a core hashtag")]
    [InlineData("#Sector+code", "health", "canonical form")]
    [InlineData("#date+submitted", "2026-12-06", "+submitted is neither")]
    [InlineData("#org+impl+impl", "a", "repeated")]
    [InlineData("#indicator+requests+num", "many", "'many' is neither a number nor <5")]
    [InlineData("#affected", "<10", "'<10' is neither a number nor <5")]
    [InlineData("#date+start", "06/12/2026", "not an ISO 8601 date")]
    [InlineData("#adm1+code", "Damascus", "not a adm1 P-code")]
    [InlineData("#adm2+code", "SY01", "not a adm2 P-code")]
    [InlineData("#adm1+name+i_ar", "Damascus", "tagged Arabic")]
    [InlineData("#sector+name+i_en", "الصحة", "tagged English")]
    public void Check_ReportsWhatHxlToolsWouldRejectOrMisread(string spec, string value, string finding)
    {
        var table = HxlTable.Read(Csv("column", spec, value));

        Assert.Contains(HxlConformance.Check(table), f => f.Contains(finding, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ReportsAMissingGovernorate()
    {
        var table = HxlTable.Read(Csv("adm1_pcode,status", "#adm1+code,#status", ",Routed"));

        Assert.Contains(HxlConformance.Check(table), f => f.Contains("governorate P-code is missing", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ReportsAnUntaggedColumnAndARaggedRow()
    {
        var table = HxlTable.Read(Csv("a,b,c", "#status,,#severity", "Routed,x,urgent,extra"));

        var findings = HxlConformance.Check(table);

        Assert.Contains("b: no hashtag", findings);
        Assert.Contains(findings, f => f.StartsWith("data row 1: 4 fields", StringComparison.Ordinal));
    }

    private static byte[] Csv(params string[] lines) =>
        [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")];
}
