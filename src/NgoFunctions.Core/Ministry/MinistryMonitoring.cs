using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using FluentValidation;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Ministry;

/// <summary>The ministry's read-only monitoring: the request list, a request's audit trail, the
/// coverage matrix and the flow stats. Reads the monitoring index (<see cref="RequestIndex"/>) and its
/// aggregates, never scans the requests table; answers hold no personal data.
/// Filters are checked by <see cref="MinistryFilterValidator"/>, read by <see cref="MinistryFilterReader"/>
/// and turned into table queries by <see cref="MinistryQueryFilters"/>; this type runs the queries.</summary>
public sealed class MinistryMonitoring(
    RequestIndex index,
    ServiceRequestStore requests,
    NgoRegistry registry,
    SectorCatalogue sectors,
    LocationCatalogue locations,
    MinistryFilterReader reader,
    IValidator<MinistryFilterCheck> validator,
    Texts texts,
    IOptions<MinistryOptions> options,
    TimeProvider clock)
{
    /// <summary>One page of requests matching <paramref name="filter"/>, by submission day then tracking
    /// code. Cost: one query over the PartitionKey range of the days asked for; the other filters are
    /// evaluated by the table service inside that range.</summary>
    public async Task<MinistryAnswer<MinistryRequestPage>> ListAsync(MinistryFilter filter, Language language, CancellationToken cancellationToken)
    {
        var (parsed, errors) = await ParseAsync(filter, language, cancellationToken);
        // The token belongs to the query it paged (days and filters): meaningful only with the same one.
        // Checked even when other filters were rejected, so that every error comes in one answer.
        var query = MinistryQueryFilters.IndexRows(parsed);
        var storageToken = ContinuationTokens.Unwrap(filter.ContinuationToken, query);
        if (!string.IsNullOrEmpty(filter.ContinuationToken) && storageToken is null)
        {
            errors["continuationToken"] = [texts.Get("ministry.validation.continuationToken", language)];
        }

        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        try
        {
            var (rows, next) = await index.PageAsync(query, storageToken, options.Value.PageSize, cancellationToken);
            return new(new MinistryRequestPage(parsed.From, parsed.To, rows.Select(Summary).ToList(), ContinuationTokens.Wrap(next, query)), null);
        }
        catch (RequestFailedException ex) when (ex.Status == 400)
        {
            return new(null, new Dictionary<string, string[]> { ["continuationToken"] = [texts.Get("ministry.validation.continuationToken", language)] });
        }
    }

    /// <summary>The whole audit trail of a request, or <c>null</c> when the code is malformed or unknown;
    /// a sensitive request's at governorate level only (<see cref="MinistryAuditTrail"/>).
    /// Cost: one partition read of the request (request, events, assignments).</summary>
    public async Task<MinistryAuditTrail?> AuditTrailAsync(string? trackingCode, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code)
            || await requests.GetHistoryAsync(code.Value.Value, cancellationToken) is not { } history)
        {
            return null;
        }

        var r = history.Request;
        var sensitive = SensitiveCases.IsSensitive(r);
        return new MinistryAuditTrail(
            code.Value.ToString(),
            r.RequestId,
            r.Status,
            r.Sector,
            r.Governorate,
            sensitive ? null : r.District,
            r.NeedsAttention,
            history.Events.OrderBy(e => e.Sequence)
                .Select(e => new MinistryAuditEvent(
                    e.Sequence, e.Type, e.FromStatus, e.Status, e.Actor, e.NgoId, e.OccurredAt, sensitive ? CoarsenReason(e.Detail) : e.Detail))
                .ToList(),
            history.Assignments.OrderBy(a => a.Attempt)
                .Select(a => new MinistryAssignment(
                    a.Attempt, a.NgoId, a.State, a.AssignedAt, a.AnsweredAt,
                    sensitive ? CoarseLevel(a.CoverageLevel) : a.CoverageLevel,
                    sensitive ? CoarsePCode(a.MatchedPCode) : a.MatchedPCode,
                    a.RuleVersion,
                    ParseReason(sensitive ? CoarsenReason(a.Reason) ?? string.Empty : a.Reason),
                    a.DeclineReason))
                .ToList(),
            sensitive);
    }

    /// <summary>The sector × governorate matrix for requests submitted in the range (default: the
    /// last <see cref="MinistryOptions.DefaultWindowDays"/> days). Cost: one partition query of the NGO
    /// registry (every NGO) plus one query of the aggregate rows of the days asked for (at most
    /// sectors × governorates × <see cref="MinistryOptions.AggregateShards"/> rows a day); then 9 sectors
    /// × 14 governorates in memory.</summary>
    public async Task<MinistryAnswer<CoverageMatrix>> CoverageAsync(MinistryFilter filter, Language language, CancellationToken cancellationToken)
    {
        var (parsed, errors) = await ParseAsync(filter with { Status = null, Sector = null, Governorate = null, NeedsAttention = null }, language, cancellationToken);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var ngosTask = registry.ListAsync(cancellationToken);
        var flowTask = index.AggregateRowsAsync(MinistryQueryFilters.AggregateRows(parsed), cancellationToken);
        await Task.WhenAll(ngosTask, flowTask);
        var flow = FlowStatsBuilder.Build(parsed.From, parsed.To, null, null, flowTask.Result)
            .Cells.ToDictionary(c => (c.Sector, c.Governorate));
        var active = ngosTask.Result.Where(n => n.Active).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();

        var cells = new List<CoverageCell>();
        foreach (var sector in sectors.All)
        {
            foreach (var governorate in locations.Governorates)
            {
                // Protection requests are all sensitive: only NGOs that handle sensitive cases can take them.
                var ngos = active
                    .Where(n => n.Sectors.Contains(sector.Code) && n.Coverage.Any(p => Covers(p, governorate.PCode))
                        && (n.HandlesSensitive || !SensitiveCases.IsSensitive(sector.Code, markedByCitizen: false)))
                    .Select(n => n.Id)
                    .ToList();
                var demand = flow.GetValueOrDefault((sector.Code, governorate.PCode));
                var unroutable = demand?.ByStatus[nameof(RequestStatus.Unroutable)] ?? 0;
                var waitlisted = demand?.ByStatus[nameof(RequestStatus.Waitlisted)] ?? 0;
                cells.Add(new CoverageCell(
                    sector.Code, governorate.PCode, ngos, demand?.Total ?? 0, unroutable, (demand?.Total ?? 0) > 0 && ngos.Count == 0,
                    waitlisted, waitlisted > 0 && ngos.Count > 0));
            }
        }

        return new(new CoverageMatrix(parsed.From, parsed.To, cells.Count(c => c.Gap), cells, cells.Count(c => c.CapacityGap)), null);
    }

    /// <summary>The flow of requests submitted in the range, optionally of one sector and governorate:
    /// counts by status, by cell and by day, times to route, accept and resolve, SLA breaches and
    /// backlogs. Cost: one query of the aggregate rows of the days and cells asked for (never the
    /// requests or their index rows); summed in memory (<see cref="FlowStatsBuilder"/>).</summary>
    public async Task<MinistryAnswer<MinistryStats>> StatsAsync(MinistryFilter filter, Language language, CancellationToken cancellationToken)
    {
        var (parsed, errors) = await ParseAsync(filter with { Status = null, NeedsAttention = null }, language, cancellationToken);
        if (errors.Count > 0)
        {
            return new(null, errors);
        }

        var rows = await index.AggregateRowsAsync(MinistryQueryFilters.AggregateRows(parsed), cancellationToken);
        return new(FlowStatsBuilder.Build(parsed.From, parsed.To, parsed.Sector, parsed.Governorate, rows), null);
    }

    /// <summary>Whether coverage P-code <paramref name="pCode"/> covers governorate <paramref name="governorate"/>:
    /// all of Syria, the governorate itself, or a district or sub-district in it (OCHA P-codes nest by prefix).</summary>
    internal static bool Covers(string pCode, string governorate) =>
        pCode == LocationCatalogue.CountryPCode || pCode.StartsWith(governorate, StringComparison.Ordinal);

    // The filters checked (errors keyed by wire field, in rule order) and read; read leniently even when
    // rejected, since the list still needs their query to check the continuation token.
    private async Task<(ParsedFilter Parsed, Dictionary<string, string[]> Errors)> ParseAsync(
        MinistryFilter filter, Language language, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var validation = await validator.ValidateAsync(new MinistryFilterCheck(filter, today, language), cancellationToken);
        var errors = validation.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        return (reader.Read(filter, today), errors);
    }

    private static MinistryRequestSummary Summary(RequestIndexEntity row) => new(
        TrackingCode.TryParse(row.RowKey, out var code) ? code.Value.ToString() : row.RowKey,
        row.RequestId,
        row.Status,
        row.Sector,
        row.Governorate,
        row.District,
        row.Urgency.ToLowerInvariant(),
        row.Channel,
        row.AssignedNgoId,
        row.NeedsAttention,
        row.SubmittedAt,
        row.UpdatedAt,
        row.Sensitive,
        row.Outcome,
        row.OutcomeReason,
        row.Closure,
        row.Disputes);

    // OCHA P-codes nest by prefix: a governorate's is "SY" and two digits, the first four characters of
    // every district and sub-district code in it ("SY" alone, all of Syria, stays as it is).
    private static string CoarsePCode(string pCode) => pCode.Length > 4 ? pCode[..4] : pCode;

    private static string CoarseLevel(string level) =>
        level is nameof(AdminLevel.District) or nameof(AdminLevel.SubDistrict) ? nameof(AdminLevel.Governorate) : level;

    // A routing reason (a JSON list of considered NGOs, stored on an assignment and as the detail of an
    // Unroutable event) with every matched P-code and coverage level at governorate level; any other
    // text is returned as it is.
    private static string? CoarsenReason(string? text)
    {
        if (text is null || !text.StartsWith('['))
        {
            return text;
        }

        try
        {
            if (JsonNode.Parse(text) is not JsonArray considered)
            {
                return text;
            }

            foreach (var candidate in considered.OfType<JsonObject>())
            {
                if (candidate["matchedPCode"] is JsonValue pCode && pCode.TryGetValue<string>(out var p))
                {
                    candidate["matchedPCode"] = CoarsePCode(p);
                }

                if (candidate["coverageLevel"] is JsonValue level && level.TryGetValue<string>(out var l))
                {
                    candidate["coverageLevel"] = CoarseLevel(l);
                }
            }

            return considered.ToJsonString();
        }
        catch (JsonException)
        {
            return text;
        }
    }

    private static JsonNode? ParseReason(string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(reason);
        }
        catch (JsonException)
        {
            return JsonValue.Create(reason);
        }
    }
}
