using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.Ministry.Exports;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The CSV writers of the stats and request exports on constructed input: byte-order mark,
/// header and HXL rows, Arabic names, RFC 4180 quoting, small-cell suppression, the row cap.</summary>
[Trait("Category", "Unit")]
public sealed class ExportCsvWriterTests
{
    // A code the catalogues do not know is written as its own name: a way to put every character
    // RFC 4180 must quote into the file.
    private const string Awkward = "a,b \"quoted\"\nnext line";

    private static readonly SectorCatalogue Sectors = new();
    private static readonly LocationCatalogue Locations = new();
    private static readonly Texts Texts = new();
    private static readonly FlowClosure NoClosure = new(0, 0, 0, 0, null, null, null);
    private static readonly ExportPseudonyms Pseudonyms = new(
        Options.Create(new MinistryExportOptions { PseudonymKey = "an export pseudonym key of 32 characters or more" }),
        new HostingEnvironment { EnvironmentName = "Production" });

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1, "<5")]
    [InlineData(2, "<5")]
    [InlineData(3, "<5")]
    [InlineData(4, "<5")]
    [InlineData(5, "5")]
    [InlineData(6, "6")]
    [InlineData(12345, "12345")]
    public void Count_SuppressesOneToFourOnly(long count, string expected) =>
        Assert.Equal(expected, SmallCells.Count(count));

    [Fact]
    public void StatsCsv_HasBomHeaderHxlRowArabicNamesAndSuppressedCounts()
    {
        var stats = Stats(
            Cell("health", "SY01", 12, ("Routed", 7), ("Unroutable", 4), ("Accepted", 1)) with
            {
                Closure = new FlowClosure(0, 6, 2, 0, 0.75, 0.25, 0),
                Outcomes = Outcomes(9, ("client-unreachable", 5), ("other", 1)),
            },
            Cell("shelter", "SY14", 3, ("Unroutable", 3)),
            Cell(Awkward, "SY99", 5, ("Submitted", 5)));

        var bytes = new StatsCsvExport(Sectors, Locations).Write(stats);

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.NotEqual(Encoding.UTF8.GetPreamble(), bytes[3..6]);
        var rows = Parse(bytes);
        Assert.Equal(
            ["date_from", "date_to", "sector_code", "sector_name_ar", "sector_name_en", "adm1_pcode", "adm1_name_ar", "adm1_name_en",
             "requests_total", "requests_submitted", "requests_routed", "requests_accepted", "requests_in_progress",
             "requests_resolved", "requests_closed", "requests_waitlisted", "requests_unroutable", "requests_cancelled",
             "closed_confirmed", "closed_unconfirmed", "closure_disputes", "outcome_successful",
             "outcome_not_successful_client_unreachable", "outcome_not_successful_no_longer_needed", "outcome_not_successful_lack_of_capacity",
             "outcome_not_successful_client_refused", "outcome_not_successful_referred_elsewhere", "outcome_not_successful_other"],
            rows[0]);
        Assert.Equal(
            ["#date+start", "#date+end", "#sector+code", "#sector+name+i_ar", "#sector+name+i_en", "#adm1+code", "#adm1+name+i_ar", "#adm1+name+i_en",
             "#indicator+requests+total+num", "#indicator+requests+submitted+num", "#indicator+requests+routed+num", "#indicator+requests+accepted+num",
             "#indicator+requests+in_progress+num", "#indicator+requests+resolved+num", "#indicator+requests+closed+num",
             "#indicator+requests+waitlisted+num", "#indicator+requests+unroutable+num", "#indicator+requests+cancelled+num",
             "#indicator+closure+confirmed+num", "#indicator+closure+unconfirmed+num", "#indicator+closure+disputed+num", "#indicator+outcome+successful+num",
             "#indicator+outcome+not_successful+client_unreachable+num", "#indicator+outcome+not_successful+no_longer_needed+num",
             "#indicator+outcome+not_successful+lack_of_capacity+num", "#indicator+outcome+not_successful+client_refused+num",
             "#indicator+outcome+not_successful+referred_elsewhere+num", "#indicator+outcome+not_successful+other+num"],
            rows[1]);
        Assert.Equal(2 + 3, rows.Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));

        Assert.Equal(
            ["2026-11-01", "2026-11-29", "health", "الصحة", "Health", "SY01", "دمشق", "Damascus", "12", "0", "7", "<5", "0", "0", "0", "0", "<5", "0",
             "6", "<5", "0", "9", "5", "0", "0", "0", "0", "<5"],
            rows[2]);
        Assert.Equal(
            ["2026-11-01", "2026-11-29", "shelter", "المأوى", "Shelter", "SY14", "القنيطرة", "Quneitra", "<5", "0", "0", "0", "0", "0", "0", "0", "<5", "0",
             "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
            rows[3]);
        Assert.Equal([Awkward, Awkward, Awkward, "SY99", "SY99", "SY99", "5", "5"], rows[4][2..10]);

        var raw = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\"a,b \"\"quoted\"\"\nnext line\"", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void StatsCsv_WithNoCells_IsTheHeaderAndHxlRowsOnly()
    {
        var rows = Parse(new StatsCsvExport(Sectors, Locations).Write(Stats()));

        Assert.Equal(2, rows.Count);
        Assert.Equal("stats-2026-11-01-2026-11-29.csv", StatsCsvExport.FileName(Stats()));
    }

    [Fact]
    public async Task RequestsCsv_MasksAndNamesInArabicAndEnglish_WithOnlyAsynchronousWrites()
    {
        var output = new AsyncOnlyStream();
        var outcome = await Writer(maxRows: 10).WriteAsync(
            output,
            Pages([Summary("ABCDE-FGHJK", "health", "SY01", "SY0100", ngo: "damascus-health")], [], [Summary("KLMNP-QRSTV", Awkward, "SY14", null)]),
            Language.Ar,
            CancellationToken.None);

        Assert.Equal(new RequestsCsvOutcome(2, false), outcome);
        var bytes = output.ToArray();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = Parse(bytes);
        Assert.Equal(RequestsCsvWriter.Headers, rows[0]);
        Assert.Equal(RequestsCsvWriter.Hashtags, rows[1]);
        Assert.Equal(4, rows.Count);
        Assert.Equal(
            [Pseudonyms.RefOf("ABCDEFGHJK"), "2026-11-28T09:30:00Z", "2026-11-28T10:00:05Z", "Routed", "health", "الصحة", "Health", "SY01", "دمشق", "Damascus",
             "SY0100", "دمشق", "Damascus", "urgent", "Form", "damascus-health", "no", "", "", "", "0"],
            rows[2]);
        Assert.Equal([Pseudonyms.RefOf("KLMNPQRSTV"), Awkward, Awkward, Awkward, "SY14", "القنيطرة", "Quneitra", "", "", ""], new[] { 0, 4, 5, 6, 7, 8, 9, 10, 11, 12 }.Select(i => rows[3][i]));
        Assert.DoesNotContain(rows[0], h => h.Contains("name", StringComparison.Ordinal) && !h.StartsWith("sector", StringComparison.Ordinal) && !h.StartsWith("adm", StringComparison.Ordinal));
        Assert.DoesNotContain(rows[0], h => h.Contains("phone", StringComparison.Ordinal) || h.Contains("description", StringComparison.Ordinal) || h.Contains("feedback", StringComparison.Ordinal));
        Assert.True(output.Flushes >= 3, $"{output.Flushes} flush(es) for three pages");
    }

    [Fact]
    public async Task RequestsCsv_NamesEachRequestByItsRef_NeverItsTrackingCode()
    {
        string[] codes = ["ABCDE-FGHJK", "KLMNP-QRSTV", "01234-56789"];
        var output = new AsyncOnlyStream();

        await Writer(maxRows: 10).WriteAsync(
            output, Pages([.. codes.Select(c => Summary(c, "health", "SY01", null))]), Language.En, CancellationToken.None);

        var bytes = output.ToArray();
        var raw = Encoding.UTF8.GetString(bytes);
        foreach (var code in codes)
        {
            Assert.DoesNotContain(code, raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(code.Replace("-", string.Empty, StringComparison.Ordinal), raw, StringComparison.OrdinalIgnoreCase);
        }

        var rows = Parse(bytes);
        Assert.Equal(("request_ref", "#meta+id"), (rows[0][0], rows[1][0]));
        Assert.Equal(codes.Select(Pseudonyms.RefOf), rows.Skip(2).Select(r => r[0]));
        Assert.All(rows.Skip(2), r => Assert.Matches("^[0-9a-f]{32}$", r[0]));
        Assert.Equal(codes.Length, rows.Skip(2).Select(r => r[0]).Distinct().Count());
    }

    [Fact]
    public async Task RequestsCsv_WithoutAPseudonymKey_ThrowsBeforeWritingAnything()
    {
        var writer = new RequestsCsvWriter(
            Sectors, Locations, Texts, new ExportPseudonyms(Options.Create(new MinistryExportOptions()), new HostingEnvironment { EnvironmentName = "Production" }),
            Options.Create(new MinistryExportOptions()));
        var output = new AsyncOnlyStream();

        Assert.False(writer.IsAvailable);
        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.WriteAsync(
            output, Pages([Summary("ABCDE-FGHJK", "health", "SY01", null)]), Language.En, CancellationToken.None));
        Assert.Empty(output.ToArray());
    }

    [Fact]
    public async Task RequestsCsv_ResolvedRequest_CarriesItsOutcomeClosureAndDisputes()
    {
        var output = new AsyncOnlyStream();
        var closed = Summary("ABCDE-FGHJK", "food", "SY02", null, ngo: "aleppo-food") with
        {
            Status = "Closed", Outcome = "not-successful", OutcomeReason = "client-unreachable", Closure = "confirmed", Disputes = 1,
        };

        await Writer(maxRows: 10).WriteAsync(output, Pages([closed]), Language.En, CancellationToken.None);

        var rows = Parse(output.ToArray());
        var columns = RequestsCsvWriter.Headers.Select((h, i) => (h, i)).ToDictionary(c => c.h, c => c.i);
        Assert.Equal(
            ["Closed", "not-successful", "client-unreachable", "confirmed", "1"],
            new[] { "status", "outcome", "outcome_reason", "closure", "closure_disputes" }.Select(h => rows[2][columns[h]]));
        Assert.Equal(
            ["#meta+outcome", "#meta+outcome+reason", "#meta+closure", "#indicator+closure+disputed+num"],
            new[] { "outcome", "outcome_reason", "closure", "closure_disputes" }.Select(h => rows[1][columns[h]]));
    }

    [Fact]
    public async Task RequestsCsv_PastTheCap_EndsWithTheNoteInTheCallersLanguage()
    {
        var page = Enumerable.Range(0, 2).Select(i => Summary($"AAAA{i}-BBBBB", "health", "SY01", null)).ToList();
        var output = new AsyncOnlyStream();

        var outcome = await Writer(maxRows: 3).WriteAsync(output, Pages(page, page, page), Language.En, CancellationToken.None);

        Assert.Equal(new RequestsCsvOutcome(3, true), outcome);
        var rows = Parse(output.ToArray());
        Assert.Equal(2 + 3 + 1, rows.Count);
        Assert.Equal([Texts.Get("ministry.export.truncated", Language.En, 3)], rows[^1]);
        Assert.Contains("3", rows[^1][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestsCsv_ExactlyAtTheCap_HasNoNoteEvenWhenEmptyPagesFollow()
    {
        var page = Enumerable.Range(0, 2).Select(i => Summary($"AAAA{i}-BBBBB", "health", "SY01", null)).ToList();
        var output = new AsyncOnlyStream();

        var outcome = await Writer(maxRows: 4).WriteAsync(output, Pages(page, page, [], []), Language.Ar, CancellationToken.None);

        Assert.Equal(new RequestsCsvOutcome(4, false), outcome);
        Assert.Equal(2 + 4, Parse(output.ToArray()).Count);
    }

    [Fact]
    public async Task RequestsCsv_AtTheCapWithMoreAfterEmptyPages_HasTheNote()
    {
        var page = Enumerable.Range(0, 2).Select(i => Summary($"AAAA{i}-BBBBB", "health", "SY01", null)).ToList();
        var output = new AsyncOnlyStream();

        var outcome = await Writer(maxRows: 2).WriteAsync(output, Pages(page, [], [], page), Language.Ar, CancellationToken.None);

        Assert.Equal(new RequestsCsvOutcome(2, true), outcome);
        var rows = Parse(output.ToArray());
        Assert.Equal([Texts.Get("ministry.export.truncated", Language.Ar, 2)], rows[^1]);
    }

    private static RequestsCsvWriter Writer(int maxRows) =>
        new(Sectors, Locations, Texts, Pseudonyms, Options.Create(new MinistryExportOptions { MaxRows = maxRows }));

    private static async IAsyncEnumerable<IReadOnlyList<MinistryRequestSummary>> Pages(params IReadOnlyList<MinistryRequestSummary>[] pages)
    {
        foreach (var page in pages)
        {
            await Task.Yield();
            yield return page;
        }
    }

    private static MinistryRequestSummary Summary(string code, string sector, string governorate, string? district, string? ngo = null) => new(
        code, Guid.NewGuid(), ngo is null ? "Unroutable" : "Routed", sector, governorate, district, "urgent", "Form", ngo, false,
        new DateTimeOffset(2026, 11, 28, 12, 30, 0, TimeSpan.FromHours(3)), new DateTimeOffset(2026, 11, 28, 10, 0, 5, TimeSpan.Zero));

    private static MinistryStats Stats(params StatsCell[] cells)
    {
        var none = new DurationSummary(0, null, null);
        var byStatus = Enum.GetNames<RequestStatus>().ToDictionary(s => s, _ => 0L);
        return new MinistryStats(
            new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 29), null, null, cells.Sum(c => c.Total), byStatus, 0, 0, 0, 0,
            new FlowTimes(none, none, none), cells, [], NoClosure, Outcomes(0));
    }

    // Only the statuses given: the writer must read a missing status as 0.
    private static StatsCell Cell(string sector, string governorate, long total, params (string Status, long Count)[] counts) =>
        new(sector, governorate, total, counts.ToDictionary(c => c.Status, c => c.Count), NoClosure, Outcomes(0));

    // Only the reasons given: the writer must read a missing reason as 0.
    private static FlowOutcomes Outcomes(long successful, params (string Reason, long Count)[] notSuccessful) =>
        new(successful, notSuccessful.ToDictionary(c => c.Reason, c => c.Count));

    private static List<string[]> Parse(byte[] bytes)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var csv = new CsvReader(new StringReader(Encoding.UTF8.GetString(bytes[3..])), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        }

        return rows;
    }

    /// <summary>A response body's rules: synchronous writes and flushes throw.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public int Flushes { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] ToArray() => _bytes.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous write.");

        public override void Flush() => throw new InvalidOperationException("Synchronous flush.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _bytes.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            Flushes++;
            return Task.CompletedTask;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _bytes.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
