using System.Text.Json.Nodes;

namespace NgoFunctions.Core.Ministry;

/// <summary>One request in the ministry's list: no personal data (no name, phone, description, feedback);
/// a sensitive request at governorate level only.</summary>
/// <param name="TrackingCode">Display form, <c>XXXXX-XXXXX</c>.</param>
/// <param name="RequestId">Internal id.</param>
/// <param name="Status">Status name.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Governorate">Governorate P-code.</param>
/// <param name="District">District P-code, or <c>null</c> (always for a sensitive request).</param>
/// <param name="Urgency">Urgency, lower case.</param>
/// <param name="Channel">Channel name.</param>
/// <param name="AssignedNgoId">The NGO of the current assignment, or <c>null</c>.</param>
/// <param name="NeedsAttention">Flagged for the ministry.</param>
/// <param name="SubmittedAt">Submitted (UTC).</param>
/// <param name="UpdatedAt">Last change (UTC).</param>
/// <param name="Sensitive">Whether the request is sensitive (<see cref="Domain.SensitiveCases"/>), hence shown without district.</param>
/// <param name="Outcome">The outcome of its last resolution (<c>successful</c>, <c>not-successful</c>), or <c>null</c>.</param>
/// <param name="OutcomeReason">Why that resolution was not successful (a reason code), or <c>null</c>.</param>
/// <param name="Closure">How it was closed: <c>confirmed</c> by the citizen, <c>unconfirmed</c> after their silence, or <c>null</c>.</param>
/// <param name="Disputes">How often the citizen said the help did not arrive.</param>
public sealed record MinistryRequestSummary(
    string TrackingCode,
    Guid RequestId,
    string Status,
    string Sector,
    string Governorate,
    string? District,
    string Urgency,
    string Channel,
    string? AssignedNgoId,
    bool NeedsAttention,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    bool Sensitive = false,
    string? Outcome = null,
    string? OutcomeReason = null,
    string? Closure = null,
    int Disputes = 0);

/// <summary>One page of the ministry's list.</summary>
/// <param name="From">First submission day of the range read (UTC).</param>
/// <param name="To">Last submission day of the range read (UTC).</param>
/// <param name="Items">The requests of this page (may be fewer than the page size, even none, while a token follows).</param>
/// <param name="ContinuationToken">Pass it back as <c>continuationToken</c> for the next page; <c>null</c> at the end.</param>
public sealed record MinistryRequestPage(DateOnly From, DateOnly To, IReadOnlyList<MinistryRequestSummary> Items, string? ContinuationToken);

/// <summary>A request's whole audit trail, without personal data. Of a sensitive request
/// (<see cref="Domain.SensitiveCases"/>) nothing finer than its governorate: no district, and the coverage
/// P-codes and levels of its assignments and routing reasons (in <see cref="MinistryAssignment"/> and in
/// the details of its events) are given at governorate level.</summary>
/// <param name="TrackingCode">Display form.</param>
/// <param name="RequestId">Internal id.</param>
/// <param name="Status">Current status.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Governorate">Governorate P-code.</param>
/// <param name="District">District P-code, or <c>null</c> (always for a sensitive request).</param>
/// <param name="NeedsAttention">Flagged for the ministry.</param>
/// <param name="Events">Every event, by sequence.</param>
/// <param name="Assignments">Every assignment, by attempt, with routing and decline reasons (never the NGO's notes).</param>
/// <param name="Sensitive">Whether the request is sensitive, hence shown at governorate level only.</param>
public sealed record MinistryAuditTrail(
    string TrackingCode,
    Guid RequestId,
    string Status,
    string Sector,
    string Governorate,
    string? District,
    bool NeedsAttention,
    IReadOnlyList<MinistryAuditEvent> Events,
    IReadOnlyList<MinistryAssignment> Assignments,
    bool Sensitive = false);

/// <summary>One event of the trail.</summary>
/// <param name="Sequence">1-based position.</param>
/// <param name="Type">Status name or note type (<c>NeedsAttention</c>, ...).</param>
/// <param name="FromStatus">Status before, for status changes.</param>
/// <param name="ToStatus">Status after.</param>
/// <param name="Actor"><c>citizen</c>, <c>router</c>, <c>system</c>, <c>ngo:{id}</c>.</param>
/// <param name="NgoId">The NGO concerned, if any.</param>
/// <param name="At">When (UTC).</param>
/// <param name="Detail">Machine-readable note, if any.</param>
public sealed record MinistryAuditEvent(
    int Sequence, string Type, string? FromStatus, string ToStatus, string Actor, string? NgoId, DateTimeOffset At, string? Detail);

/// <summary>One assignment of the trail.</summary>
/// <param name="Attempt">1-based attempt.</param>
/// <param name="NgoId">The NGO.</param>
/// <param name="State"><c>Pending</c>, <c>Accepted</c>, <c>Declined</c>, <c>Expired</c>.</param>
/// <param name="AssignedAt">When made (UTC).</param>
/// <param name="AnsweredAt">When answered or expired (UTC), or <c>null</c>.</param>
/// <param name="CoverageLevel">Coverage level matched.</param>
/// <param name="MatchedPCode">Coverage P-code matched.</param>
/// <param name="RuleVersion">Routing rule version.</param>
/// <param name="RoutingReason">The routing reason (candidates, loads), as stored.</param>
/// <param name="DeclineReason">Decline reason code, or <c>null</c>.</param>
public sealed record MinistryAssignment(
    int Attempt,
    string NgoId,
    string State,
    DateTimeOffset AssignedAt,
    DateTimeOffset? AnsweredAt,
    string CoverageLevel,
    string MatchedPCode,
    string RuleVersion,
    JsonNode? RoutingReason,
    string? DeclineReason);

/// <summary>The sector × governorate coverage matrix.</summary>
/// <param name="From">First submission day counted (UTC).</param>
/// <param name="To">Last submission day counted (UTC).</param>
/// <param name="Gaps">Coverage gaps: cells with demand and no active NGO.</param>
/// <param name="Cells">One cell per sector and governorate.</param>
/// <param name="CapacityGaps">Capacity gaps: cells whose NGOs are all full, so requests wait in line.</param>
public sealed record CoverageMatrix(DateOnly From, DateOnly To, int Gaps, IReadOnlyList<CoverageCell> Cells, int CapacityGaps);

/// <summary>One cell of the coverage matrix.</summary>
/// <param name="Sector">Sector code.</param>
/// <param name="Governorate">Governorate P-code.</param>
/// <param name="Ngos">Active NGOs serving the sector whose coverage includes the governorate, a district or
/// sub-district in it, or all of Syria; by id. For <c>protection</c>, whose requests are all sensitive,
/// only NGOs that handle sensitive cases (the only ones that can take them).</param>
/// <param name="Demand">Requests of the cell submitted in the range.</param>
/// <param name="Unroutable">Of them, now Unroutable (no active NGO covers them).</param>
/// <param name="Gap">Demand (<paramref name="Demand"/> &gt; 0) and no NGO: a coverage gap.</param>
/// <param name="Waitlisted">Of them, now Waitlisted (NGOs cover them, all full).</param>
/// <param name="CapacityGap">Requests waiting although NGOs serve the cell (<paramref name="Waitlisted"/>
/// &gt; 0 and <paramref name="Ngos"/> not empty): a capacity gap, which more places close, where a coverage
/// gap needs another organisation.</param>
public sealed record CoverageCell(
    string Sector, string Governorate, IReadOnlyList<string> Ngos, long Demand, long Unroutable, bool Gap, long Waitlisted, bool CapacityGap);

/// <summary>The flow of requests submitted in a range (by submission day, UTC), read from the
/// aggregates kept on every transition (RequestAggregates), never from a scan
/// of the requests.</summary>
/// <param name="From">First submission day (UTC).</param>
/// <param name="To">Last submission day (UTC).</param>
/// <param name="Sector">Sector filter, if any.</param>
/// <param name="Governorate">Governorate filter, if any.</param>
/// <param name="Total">Requests counted.</param>
/// <param name="ByStatus">Status name → count of requests now in it (every status, zeros included).</param>
/// <param name="UnroutableBacklog">Of them, now Unroutable.</param>
/// <param name="NeedsAttentionBacklog">Of them, now flagged for the ministry.</param>
/// <param name="SlaBreaches">Assignments of them that expired unanswered: the NGO neither accepted nor
/// declined within <c>Sla:AcceptDeadlineHours</c>.</param>
/// <param name="DuplicatesPrevented">Submissions that were one of these requests again (the same phone
/// number and sector while it was open) and were given it instead of becoming a second request; counted
/// on the request they repeated, so by its submission day, sector and governorate.</param>
/// <param name="Times">Seconds from submission to first routed, to accepted and to resolved.</param>
/// <param name="Cells">Sector × governorate cells with at least one request, by sector then governorate.</param>
/// <param name="Days">Submission days of the range with at least one request, in order.</param>
/// <param name="Closure">What the citizens answered when their NGO reported the help given.</param>
/// <param name="Outcomes">The outcomes the NGOs gave the requests' last resolutions.</param>
public sealed record MinistryStats(
    DateOnly From, DateOnly To, string? Sector, string? Governorate, long Total,
    IReadOnlyDictionary<string, long> ByStatus, long UnroutableBacklog, long NeedsAttentionBacklog,
    long SlaBreaches, long DuplicatesPrevented, FlowTimes Times, IReadOnlyList<StatsCell> Cells, IReadOnlyList<StatsDay> Days,
    FlowClosure Closure, FlowOutcomes Outcomes);

/// <summary>How citizens answered "did you get the help you needed?" about requests counted in the
/// stats (source of the rule: the closure part of the referral loop: a yes closes the request, a no
/// sends it back to its NGO, silence for <c>Closure:ConfirmAfterDays</c> closes it unconfirmed). The
/// rates follow <see cref="ClosureRates"/>, as the NGO table's do.</summary>
/// <param name="AwaitingConfirmation">Requests now Resolved: the NGO reports the help given, the citizen
/// has not answered yet.</param>
/// <param name="Confirmed">Requests closed with the citizen's yes.</param>
/// <param name="Unconfirmed">Requests closed after the citizen's silence.</param>
/// <param name="Disputed">The citizens' "no" answers (a request sent back twice counts twice, as it
/// does in its NGO's figures; the second flags it for the ministry).</param>
/// <param name="ConfirmedRate">confirmed / (confirmed + unconfirmed + disputed), 4 decimals, <c>null</c> when that is 0.</param>
/// <param name="UnconfirmedRate">unconfirmed / the same.</param>
/// <param name="DisputedRate">disputed / the same.</param>
public sealed record FlowClosure(
    long AwaitingConfirmation, long Confirmed, long Unconfirmed, long Disputed, double? ConfirmedRate, double? UnconfirmedRate, double? DisputedRate);

/// <summary>Requests by the outcome their NGO gave their last resolution (a request resolved, disputed and
/// resolved again counts its last outcome once; requests never resolved are in no count).</summary>
/// <param name="Successful">Last resolved <c>successful</c>.</param>
/// <param name="NotSuccessful">Last resolved <c>not-successful</c>, by reason code: every code of the fixed
/// list (<see cref="NgoActions.ResolutionOutcomes.Reasons"/>, zeros included), in display order.</param>
public sealed record FlowOutcomes(long Successful, IReadOnlyDictionary<string, long> NotSuccessful);

/// <summary>Elapsed time from submission to each milestone (a request counts once per milestone, at
/// the first time it reached it).</summary>
/// <param name="ToRouted">Submission → first assignment to an NGO.</param>
/// <param name="ToAccepted">Submission → an NGO accepted it.</param>
/// <param name="ToResolved">Submission → resolved.</param>
public sealed record FlowTimes(Aggregates.DurationSummary ToRouted, Aggregates.DurationSummary ToAccepted, Aggregates.DurationSummary ToResolved);

/// <summary>Requests of one sector and governorate.</summary>
/// <param name="Sector">Sector code.</param>
/// <param name="Governorate">Governorate P-code.</param>
/// <param name="Total">Requests.</param>
/// <param name="ByStatus">Status name → count (every status, zeros included).</param>
/// <param name="Closure">The citizens' answers about the cell's requests.</param>
/// <param name="Outcomes">The outcomes of the cell's requests.</param>
public sealed record StatsCell(
    string Sector, string Governorate, long Total, IReadOnlyDictionary<string, long> ByStatus, FlowClosure Closure, FlowOutcomes Outcomes);

/// <summary>Requests submitted on one day.</summary>
/// <param name="Day">Submission day (UTC).</param>
/// <param name="Total">Requests submitted that day.</param>
/// <param name="ByStatus">Status name → count of them now in it (every status, zeros included).</param>
public sealed record StatsDay(DateOnly Day, long Total, IReadOnlyDictionary<string, long> ByStatus);

/// <summary>A monitoring answer: the value, or field errors (400).</summary>
/// <param name="Value">The answer, when <paramref name="Errors"/> is <c>null</c>.</param>
/// <param name="Errors">Wire field → messages.</param>
public sealed record MinistryAnswer<T>(T? Value, IReadOnlyDictionary<string, string[]>? Errors)
    where T : class;
