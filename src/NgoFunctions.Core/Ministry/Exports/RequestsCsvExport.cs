using System.Globalization;
using System.Runtime.CompilerServices;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Ministry.Exports;

/// <summary>A <c>requests.csv</c> ready to stream: its filters checked and its first page read.</summary>
/// <param name="From">First submission day of the range (UTC).</param>
/// <param name="To">Last submission day of the range (UTC).</param>
/// <param name="Filter">The filters, without a continuation token.</param>
/// <param name="FirstPage">The first page, read while checking the filters.</param>
public sealed record RequestsCsvSource(DateOnly From, DateOnly To, MinistryFilter Filter, MinistryRequestPage FirstPage)
{
    /// <summary>The download's file name: <c>requests-{from}-{to}.csv</c>.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"requests-{From:yyyy-MM-dd}-{To:yyyy-MM-dd}.csv");
}

/// <summary>The ministry's request list as one CSV file: every request matching the filters of
/// <c>GET /api/ministry/requests</c>, read with <see cref="MinistryMonitoring.ListAsync"/> a page at a
/// time (<see cref="MinistryOptions.PageSize"/> rows, one index query each) and written page by page by
/// <see cref="RequestsCsvWriter"/>, up to <see cref="MinistryExportOptions.MaxRows"/> rows. Reads
/// only the monitoring index, never the requests table, so nothing personal can reach the file.</summary>
public sealed class RequestsCsvExport(MinistryMonitoring monitoring, RequestsCsvWriter writer)
{
    /// <summary>The row cap in force (<see cref="MinistryExportOptions.MaxRows"/>).</summary>
    public int MaxRows => writer.MaxRows;

    /// <summary>Whether the file can be made here (<see cref="RequestsCsvWriter.IsAvailable"/>): without an
    /// export pseudonym key there is no ref to write in place of the tracking code.</summary>
    public bool IsAvailable => writer.IsAvailable;

    /// <summary>Checks <paramref name="filter"/> (its continuation token is ignored: a file always starts
    /// at the first page) and reads the first page: field errors as the list answers them, or the
    /// source to stream. Nothing is written yet, so a bad filter can still answer 400.</summary>
    public async Task<MinistryAnswer<RequestsCsvSource>> OpenAsync(MinistryFilter filter, Language language, CancellationToken cancellationToken)
    {
        filter = filter with { ContinuationToken = null };
        var first = await monitoring.ListAsync(filter, language, cancellationToken);
        if (first.Value is not { } page)
        {
            return new(null, first.Errors);
        }

        return new(new RequestsCsvSource(page.From, page.To, filter, page), null);
    }

    /// <summary>Streams <paramref name="source"/> to <paramref name="output"/>, reading the next page only
    /// after the previous one was handed on.</summary>
    public Task<RequestsCsvOutcome> WriteAsync(Stream output, RequestsCsvSource source, Language language, CancellationToken cancellationToken) =>
        writer.WriteAsync(output, PagesAsync(source, language, cancellationToken), language, cancellationToken);

    private async IAsyncEnumerable<IReadOnlyList<MinistryRequestSummary>> PagesAsync(
        RequestsCsvSource source, Language language, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return source.FirstPage.Items;
        var token = source.FirstPage.ContinuationToken;
        while (token is not null)
        {
            var next = await monitoring.ListAsync(source.Filter with { ContinuationToken = token }, language, cancellationToken);
            if (next.Value is not { } page)
            {
                // The filters passed for the first page and the token came from storage: not the caller's doing.
                throw new InvalidOperationException(
                    $"A later page of the requests export failed: {string.Join(", ", next.Errors?.Keys ?? [])}.");
            }

            yield return page.Items;
            token = page.ContinuationToken;
        }
    }
}
