using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Ministry.Exports;

namespace NgoFunctions.App.Ministry;

/// <summary>The ministry's CSV exports of the coverage matrix, the request list and the flow stats,
/// under <c>/api/ministry/exports</c>.
/// Same keys as the monitoring API (ministry or admin key in <c>X-Api-Key</c>, 401 otherwise), same
/// filters, same 400 naming the bad fields in the caller's language. Files are
/// <c>text/csv; charset=utf-8</c> with a byte-order mark, sent as attachments named by the date range.</summary>
public sealed partial class MinistryExportFunctions(
    MinistryMonitoring monitoring,
    CoverageCsvExport coverageCsv,
    RequestsCsvExport requestsCsv,
    StatsCsvExport statsCsv,
    Texts texts,
    ILogger<MinistryExportFunctions> logger)
{
    /// <summary>The CSV media type of every export.</summary>
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The response header stating the row cap of <c>requests.csv</c> (known before the file streams).</summary>
    public const string RowLimitHeader = "X-Export-Row-Limit";

    /// <summary><c>GET /api/ministry/exports/requests.csv?status=&amp;sector=&amp;governorate=&amp;needsAttention=&amp;from=&amp;to=</c>:
    /// every request matching the filters of <c>GET /api/ministry/requests</c>, one row each, masked
    /// (see <see cref="RequestsCsvWriter"/>), streamed page by page. At most
    /// <c>Ministry:Exports:MaxRows</c> rows (in the <see cref="RowLimitHeader"/> header); a cut file ends
    /// with a one-field note row. Each request is named by its <c>request_ref</c>, never its tracking code;
    /// without an export pseudonym key (<c>Ministry:Exports:PseudonymKey</c>, outside Development) it
    /// answers 503 problem+json saying so, before reading anything, and the rest of the API works on.</summary>
    [Function(nameof(ExportMinistryRequests))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> ExportMinistryRequests(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/exports/requests.csv")] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        if (!requestsCsv.IsAvailable)
        {
            LogPseudonymKeyMissing();
            return Problems.Status(request, StatusCodes.Status503ServiceUnavailable, texts.Get("ministry.export.pseudonymKeyMissing", language));
        }

        var opened = await requestsCsv.OpenAsync(FilterOf(request), language, cancellationToken);
        if (opened.Value is not { } source)
        {
            return Problems.Validation(request, texts, language, opened.Errors);
        }

        return new StreamedCsvResult(
            source.FileName,
            (response, token) =>
            {
                response.Headers[RowLimitHeader] = requestsCsv.MaxRows.ToString(CultureInfo.InvariantCulture);
                return requestsCsv.WriteAsync(response.Body, source, language, token);
            });
    }

    /// <summary><c>GET /api/ministry/exports/stats.csv?from=&amp;to=&amp;sector=&amp;governorate=</c>: the
    /// stats' sector × governorate cells, one row each with the total and the count per status, counts
    /// of 1 to 4 written <c>&lt;5</c> (see <see cref="StatsCsvExport"/>).</summary>
    [Function(nameof(ExportMinistryStats))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> ExportMinistryStats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/exports/stats.csv")] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var answer = await monitoring.StatsAsync(FilterOf(request), language, cancellationToken);
        if (answer.Value is not { } stats)
        {
            return Problems.Validation(request, texts, language, answer.Errors);
        }

        return new FileContentResult(statsCsv.Write(stats), CsvContentType) { FileDownloadName = StatsCsvExport.FileName(stats) };
    }

    /// <summary><c>GET /api/ministry/exports/coverage.csv?from=&amp;to=</c>: the coverage matrix as CSV
    /// (UTF-8 with BOM, RFC 4180, an HXL hashtag row under the header, request counts below 5 written
    /// as <c>&lt;5</c>).</summary>
    [Function(nameof(ExportMinistryCoverage))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> ExportMinistryCoverage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/exports/coverage.csv")] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var answer = await monitoring.CoverageAsync(FilterOf(request), language, cancellationToken);
        if (answer.Value is not { } matrix)
        {
            return Problems.Validation(request, texts, language, answer.Errors);
        }

        return new FileContentResult(coverageCsv.Write(matrix), CsvContentType) { FileDownloadName = CoverageCsvExport.FileName(matrix) };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "requests.csv answered 503: Ministry:Exports:PseudonymKey is not configured")]
    private partial void LogPseudonymKeyMissing();

    // The monitoring filters, never a continuation token (a file starts at the first page).
    private static MinistryFilter FilterOf(HttpRequest request) => MinistryQuery.FilterOf(request) with { ContinuationToken = null };

    /// <summary>A 200 CSV attachment whose body is written straight to the response as it is produced.</summary>
    private sealed class StreamedCsvResult(string fileName, Func<HttpResponse, CancellationToken, Task> write) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = CsvContentType;
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            response.Headers.ContentDisposition = disposition.ToString();
            return write(response, context.HttpContext.RequestAborted);
        }
    }
}
