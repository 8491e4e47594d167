using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>What one <c>requests.csv</c> held.</summary>
/// <param name="Rows">Data rows written (the header, the HXL row and the note not counted).</param>
/// <param name="Truncated">More requests matched than <see cref="MinistryExportOptions.MaxRows"/>: the
/// file ends with the note row.</param>
public sealed record RequestsCsvOutcome(int Rows, bool Truncated);

/// <summary>Writes the ministry's request list as CSV for humanitarian tools, in the pattern of
/// <see cref="CoverageCsvExport"/>: UTF-8 with a byte-order mark (so Excel shows Arabic), RFC 4180
/// quoting by CsvHelper, a header row, then an HXL hashtag row, then one row per request.
/// <para>Columns (header / HXL 1.1 hashtag): <c>request_ref</c> <c>#meta+id</c> (the request's keyed
/// pseudonym, 32 lower-case hex digits, <see cref="ExportPseudonyms"/>: the same in every download under
/// the same key, never the tracking code); <c>submitted_at</c> <c>#date+reported</c> and <c>updated_at</c>
/// <c>#date+updated</c> (ISO 8601, UTC); <c>status</c> <c>#status</c> (status name);
/// <c>sector_code</c> <c>#sector+code</c>, <c>sector_name_ar</c> <c>#sector+name+i_ar</c>,
/// <c>sector_name_en</c> <c>#sector+name+i_en</c>; <c>adm1_pcode</c> <c>#adm1+code</c>,
/// <c>adm1_name_ar</c> <c>#adm1+name+i_ar</c>, <c>adm1_name_en</c> <c>#adm1+name+i_en</c>;
/// <c>adm2_pcode</c> <c>#adm2+code</c>, <c>adm2_name_ar</c> <c>#adm2+name+i_ar</c>,
/// <c>adm2_name_en</c> <c>#adm2+name+i_en</c> (empty without a district); <c>urgency</c>
/// <c>#severity</c> (<c>emergency</c>, <c>urgent</c>, <c>normal</c>); <c>channel</c> <c>#meta+channel</c>;
/// <c>assigned_ngo_id</c> <c>#org+impl+code</c> (the implementing partner); <c>needs_attention</c>
/// <c>#meta+needs_attention</c> (<c>yes</c>/<c>no</c>); <c>outcome</c> <c>#meta+outcome</c> (<c>successful</c>,
/// <c>not-successful</c>, empty before a resolution), <c>outcome_reason</c> <c>#meta+outcome+reason</c> (the
/// not-successful reason code), <c>closure</c> <c>#meta+closure</c> (<c>confirmed</c>, <c>unconfirmed</c>, empty
/// while open) and <c>closure_disputes</c> <c>#indicator+closure+disputed+num</c> (times the citizen said the
/// help did not arrive). Names come from <see cref="SectorCatalogue"/> and
/// <see cref="LocationCatalogue"/>; a code they do not know is repeated as its own name.</para>
/// <para>Masked: the rows are <see cref="MinistryRequestSummary"/>s, which hold no personal data, and
/// of them only the columns above are written (not the internal request id, not the tracking code: a
/// code is the bearer key to a request's status, confirmation and erasure, and the file is made to be
/// shared). Never the name, phone, description or feedback. Rows are single requests, not counts:
/// nothing to suppress.</para>
/// <para>At most <see cref="MinistryExportOptions.MaxRows"/> data rows. When more requests match, a
/// last row with one field says so (text <c>ministry.export.truncated</c>, in the caller's language):
/// the file streams, so by the time the cap is reached the headers are long sent and cannot say it.</para></summary>
public sealed class RequestsCsvWriter(
    SectorCatalogue sectors, LocationCatalogue locations, Texts texts, ExportPseudonyms pseudonyms, IOptions<MinistryExportOptions> options)
{
    /// <summary>The header row.</summary>
    public static readonly IReadOnlyList<string> Headers =
    [
        "request_ref", "submitted_at", "updated_at", "status",
        "sector_code", "sector_name_ar", "sector_name_en",
        "adm1_pcode", "adm1_name_ar", "adm1_name_en",
        "adm2_pcode", "adm2_name_ar", "adm2_name_en",
        "urgency", "channel", "assigned_ngo_id", "needs_attention",
        "outcome", "outcome_reason", "closure", "closure_disputes",
    ];

    /// <summary>The HXL hashtag row, column for column under <see cref="Headers"/>.</summary>
    public static readonly IReadOnlyList<string> Hashtags =
    [
        "#meta+id", "#date+reported", "#date+updated", "#status",
        "#sector+code", "#sector+name+i_ar", "#sector+name+i_en",
        "#adm1+code", "#adm1+name+i_ar", "#adm1+name+i_en",
        "#adm2+code", "#adm2+name+i_ar", "#adm2+name+i_en",
        "#severity", "#meta+channel", "#org+impl+code", "#meta+needs_attention",
        "#meta+outcome", "#meta+outcome+reason", "#meta+closure", "#indicator+closure+disputed+num",
    ];

    /// <summary>The row cap in force.</summary>
    public int MaxRows => options.Value.MaxRows;

    /// <summary>Whether a file can be written here: an export pseudonym key is configured, or this is
    /// Development (<see cref="ExportPseudonyms.IsConfigured"/>).</summary>
    public bool IsAvailable => pseudonyms.IsConfigured;

    /// <summary>Writes the file to <paramref name="output"/>: the byte-order mark, the header and HXL
    /// rows, then the requests of <paramref name="pages"/> in order, handing each page to the stream
    /// (and flushing it) before the next is asked for. Stops at <see cref="MaxRows"/>; it then reads on
    /// only until it finds one more request (pages may be empty while a token follows), to tell a cut
    /// file from one that ended exactly at the cap. Only asynchronous writes reach
    /// <paramref name="output"/> (an HTTP response body allows no other). Throws
    /// <see cref="InvalidOperationException"/>, before writing anything, when <see cref="IsAvailable"/> is
    /// <c>false</c>.</summary>
    public async Task<RequestsCsvOutcome> WriteAsync(
        Stream output, IAsyncEnumerable<IReadOnlyList<MinistryRequestSummary>> pages, Language language, CancellationToken cancellationToken)
    {
        if (!IsAvailable)
        {
            throw new InvalidOperationException("No export pseudonym key is configured (Ministry:Exports:PseudonymKey).");
        }

        var max = MaxRows;
        var rows = 0;
        var truncated = false;
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using var csv = new CsvWriter(text, CultureInfo.InvariantCulture);
        await output.WriteAsync(Encoding.UTF8.GetPreamble(), cancellationToken);
        ExportCsv.WriteRow(csv, Headers);
        ExportCsv.WriteRow(csv, Hashtags);
        await foreach (var page in pages.WithCancellation(cancellationToken))
        {
            if (rows == max)
            {
                if (page.Count > 0)
                {
                    truncated = true;
                    break;
                }

                continue;
            }

            foreach (var request in page)
            {
                if (rows == max)
                {
                    truncated = true;
                    break;
                }

                ExportCsv.WriteRow(csv, Fields(request));
                rows++;
            }

            await HandOnAsync(csv, text, output, cancellationToken);
            if (truncated)
            {
                break;
            }
        }

        if (truncated)
        {
            ExportCsv.WriteRow(csv, [texts.Get("ministry.export.truncated", language, max)]);
        }

        await HandOnAsync(csv, text, output, cancellationToken);
        return new RequestsCsvOutcome(rows, truncated);
    }

    private IReadOnlyList<string> Fields(MinistryRequestSummary request) =>
    [
        pseudonyms.RefOf(request.TrackingCode),
        Timestamp(request.SubmittedAt),
        Timestamp(request.UpdatedAt),
        request.Status,
        .. ExportCsv.Coded(request.Sector, sectors.Find(request.Sector)?.Name),
        .. ExportCsv.Coded(request.Governorate, locations.Find(request.Governorate)?.Name),
        .. ExportCsv.Coded(request.District, locations.Find(request.District)?.Name),
        request.Urgency,
        request.Channel,
        request.AssignedNgoId ?? string.Empty,
        request.NeedsAttention ? "yes" : "no",
        request.Outcome ?? string.Empty,
        request.OutcomeReason ?? string.Empty,
        request.Closure ?? string.Empty,
        request.Disputes.ToString(CultureInfo.InvariantCulture),
    ];

    private static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // CsvHelper writes to an in-memory StringWriter (synchronous, harmless); what it holds goes to the
    // output with one asynchronous write.
    private static async Task HandOnAsync(CsvWriter csv, StringWriter text, Stream output, CancellationToken cancellationToken)
    {
        csv.Flush();
        var buffer = text.GetStringBuilder();
        if (buffer.Length > 0)
        {
            await output.WriteAsync(Encoding.UTF8.GetBytes(buffer.ToString()), cancellationToken);
            buffer.Clear();
        }

        await output.FlushAsync(cancellationToken);
    }
}
