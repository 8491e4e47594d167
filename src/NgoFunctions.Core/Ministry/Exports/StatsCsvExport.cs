using System.Globalization;
using System.Text;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>The flow stats as CSV for humanitarian tools, in the pattern of
/// <see cref="CoverageCsvExport"/>: UTF-8 with a byte-order mark (so Excel shows Arabic), RFC 4180
/// quoting by CsvHelper, a header row, an HXL hashtag row, then <b>one table</b>: one row per
/// sector × governorate cell of <see cref="MinistryStats.Cells"/> (cells with at least one request, in
/// the stats' order: by sector, then governorate). No totals row or section and no second file: the
/// range totals, the days, the times and the SLA breaches stay in the JSON of
/// <c>GET /api/ministry/stats</c>.
/// <para>Columns (header / HXL hashtag): <c>date_from</c> <c>#date+start</c>, <c>date_to</c>
/// <c>#date+end</c>; <c>sector_code</c> <c>#sector+code</c>, <c>sector_name_ar</c>
/// <c>#sector+name+i_ar</c>, <c>sector_name_en</c> <c>#sector+name+i_en</c>; <c>adm1_pcode</c>
/// <c>#adm1+code</c>, <c>adm1_name_ar</c> <c>#adm1+name+i_ar</c>, <c>adm1_name_en</c>
/// <c>#adm1+name+i_en</c>; <c>requests_total</c> <c>#indicator+requests+total+num</c>; then one column
/// per status in <see cref="RequestStatus"/> order, <c>requests_{status}</c>
/// <c>#indicator+requests+{status}+num</c> with the status in snake case (<c>requests_in_progress</c>
/// <c>#indicator+requests+in_progress+num</c>); then the closure, counted as
/// <see cref="MinistryStats.Closure"/> counts it: <c>closed_confirmed</c>
/// <c>#indicator+closure+confirmed+num</c>, <c>closed_unconfirmed</c>
/// <c>#indicator+closure+unconfirmed+num</c>, <c>closure_disputes</c>
/// <c>#indicator+closure+disputed+num</c> (the citizens' "no" answers); then the outcomes of the last
/// resolutions (<see cref="MinistryStats.Outcomes"/>): <c>outcome_successful</c>
/// <c>#indicator+outcome+successful+num</c> and, per reason code in display order,
/// <c>outcome_not_successful_{reason}</c> <c>#indicator+outcome+not_successful+{reason}+num</c> with the
/// code in snake case (<c>outcome_not_successful_client_unreachable</c>). No rates: a rate of suppressed
/// counts would tell what the suppression hides; the JSON has them.</para>
/// <para>Why <c>#indicator</c> and not <c>#affected</c>: <c>#affected</c> counts people affected by a
/// crisis, these are requests. The counts carry <c>+num</c>, as in the coverage export, so HXL tools
/// sum and chart them; a suppressed count is the text <c>&lt;5</c>, which a validator reports as not a
/// number: on purpose, it must not be added up as one.</para>
/// <para>Every count, the total included, passes <see cref="SmallCells.Count"/>: 1 to 4 are
/// written <c>&lt;5</c>, 0 stays 0, 5 and more are exact.</para></summary>
public sealed class StatsCsvExport(SectorCatalogue sectors, LocationCatalogue locations)
{
    /// <summary>The statuses of the count columns, in order.</summary>
    public static readonly IReadOnlyList<string> Statuses = Enum.GetNames<RequestStatus>();

    /// <summary>The not-successful reasons of the outcome columns, in order.</summary>
    public static readonly IReadOnlyList<string> Reasons = ResolutionOutcomes.Reasons;

    /// <summary>The header row.</summary>
    public static readonly IReadOnlyList<string> Headers =
    [
        "date_from", "date_to", "sector_code", "sector_name_ar", "sector_name_en", "adm1_pcode", "adm1_name_ar", "adm1_name_en",
        "requests_total", .. Statuses.Select(s => "requests_" + SnakeCase(s)),
        "closed_confirmed", "closed_unconfirmed", "closure_disputes",
        "outcome_successful", .. Reasons.Select(r => "outcome_not_successful_" + Snake(r)),
    ];

    /// <summary>The HXL hashtag row, column for column under <see cref="Headers"/>.</summary>
    public static readonly IReadOnlyList<string> Hashtags =
    [
        "#date+start", "#date+end", "#sector+code", "#sector+name+i_ar", "#sector+name+i_en", "#adm1+code", "#adm1+name+i_ar", "#adm1+name+i_en",
        "#indicator+requests+total+num", .. Statuses.Select(s => "#indicator+requests+" + SnakeCase(s) + "+num"),
        "#indicator+closure+confirmed+num", "#indicator+closure+unconfirmed+num", "#indicator+closure+disputed+num",
        "#indicator+outcome+successful+num", .. Reasons.Select(r => "#indicator+outcome+not_successful+" + Snake(r) + "+num"),
    ];

    /// <summary>The download's file name: <c>stats-{from}-{to}.csv</c>.</summary>
    public static string FileName(MinistryStats stats) =>
        string.Create(CultureInfo.InvariantCulture, $"stats-{stats.From:yyyy-MM-dd}-{stats.To:yyyy-MM-dd}.csv");

    /// <summary>The file's bytes.</summary>
    public byte[] Write(MinistryStats stats) => ExportCsv.Utf8WithBom(csv =>
    {
        ExportCsv.WriteRow(csv, Headers);
        ExportCsv.WriteRow(csv, Hashtags);
        foreach (var cell in stats.Cells)
        {
            ExportCsv.WriteRow(csv,
            [
                ExportCsv.Day(stats.From),
                ExportCsv.Day(stats.To),
                .. ExportCsv.Coded(cell.Sector, sectors.Find(cell.Sector)?.Name),
                .. ExportCsv.Coded(cell.Governorate, locations.Find(cell.Governorate)?.Name),
                SmallCells.Count(cell.Total),
                .. Statuses.Select(s => SmallCells.Count(cell.ByStatus.GetValueOrDefault(s))),
                SmallCells.Count(cell.Closure.Confirmed),
                SmallCells.Count(cell.Closure.Unconfirmed),
                SmallCells.Count(cell.Closure.Disputed),
                SmallCells.Count(cell.Outcomes.Successful),
                .. Reasons.Select(r => SmallCells.Count(cell.Outcomes.NotSuccessful.GetValueOrDefault(r))),
            ]);
        }
    });

    // A reason code's hyphens as underscores (HXL attributes and CSV headers take no hyphen).
    private static string Snake(string code) => code.Replace('-', '_');

    private static string SnakeCase(string name)
    {
        var snake = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString();
    }
}
