using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Ministry.Aggregates;

namespace NgoFunctions.Core.Ministry;

/// <summary>The answer of <c>GET /api/ministry/ngos</c>: one entry per registered NGO, by id.</summary>
/// <param name="Ngos">Every registered NGO, active or not, ordered by id.</param>
public sealed record NgoPerformanceList(IReadOnlyList<NgoPerformanceView> Ngos);

/// <summary>One NGO's load and performance, from its counters (no personal data: counts, reason codes,
/// times and a mean rating).</summary>
/// <param name="NgoId">The NGO's id.</param>
/// <param name="Name">Its Arabic and English name, as the registry holds it.</param>
/// <param name="Active">Whether it receives new cases.</param>
/// <param name="Capacity">Open cases it can hold at once.</param>
/// <param name="OpenCases">Cases it holds now (routed to it and not yet resolved, declined, expired or cancelled).</param>
/// <param name="LoadRatio"><paramref name="OpenCases"/> / <paramref name="Capacity"/> (4 decimals), <c>null</c> for capacity 0.</param>
/// <param name="Accepted">Assignments it accepted.</param>
/// <param name="Declined">Assignments it declined.</param>
/// <param name="Expired">Assignments it let expire (ended by the SLA sweep at the accept deadline).</param>
/// <param name="AcceptanceRate">accepted / (accepted + declined + expired) (4 decimals), <c>null</c> when none was answered yet.</param>
/// <param name="DeclineReasons">Declines by reason code: every code of the fixed list (zeros included), in display order.</param>
/// <param name="Times">How long it took to accept and to resolve.</param>
/// <param name="Rating">Citizens' ratings of requests it resolved.</param>
/// <param name="Started">Cases it started (InProgress).</param>
/// <param name="Resolved">Cases it resolved, each once however often the citizen sent it back (so is its time to resolve).</param>
/// <param name="Cancelled">Cases the citizen cancelled while it held them.</param>
/// <param name="Outcomes">The outcomes it gave its resolutions.</param>
/// <param name="Closure">What the citizens said of its resolutions.</param>
public sealed record NgoPerformanceView(
    string NgoId,
    LocalizedName Name,
    bool Active,
    int Capacity,
    int OpenCases,
    double? LoadRatio,
    int Accepted,
    int Declined,
    int Expired,
    double? AcceptanceRate,
    IReadOnlyDictionary<string, int> DeclineReasons,
    NgoTimes Times,
    NgoRating Rating,
    int Started,
    int Resolved,
    int Cancelled,
    NgoOutcomes Outcomes,
    NgoClosure Closure);

/// <summary>The outcomes an NGO gave when it resolved cases (resolutions recorded before outcomes were asked
/// for are in neither count).</summary>
/// <param name="Successful">Resolutions with the outcome <c>successful</c>.</param>
/// <param name="NotSuccessful">Resolutions with the outcome <c>not-successful</c>, by reason code: every code of
/// the fixed list (zeros included), in display order.</param>
public sealed record NgoOutcomes(int Successful, IReadOnlyDictionary<string, int> NotSuccessful);

/// <summary>How citizens answered "did you get the help you needed?" after an NGO resolved their case.
/// Rates are over the resolutions that ended one of the three ways (confirmed + unconfirmed + disputed), 4
/// decimals, <c>null</c> when none did yet; a case disputed and resolved again counts each resolution.</summary>
/// <param name="Confirmed">Closed with the citizen's yes.</param>
/// <param name="Unconfirmed">Closed after the citizen's silence (<c>Closure:ConfirmAfterDays</c>).</param>
/// <param name="Disputed">Sent back by the citizen's no.</param>
/// <param name="ConfirmedRate">confirmed / (confirmed + unconfirmed + disputed).</param>
/// <param name="UnconfirmedRate">unconfirmed / the same.</param>
/// <param name="DisputedRate">disputed / the same.</param>
public sealed record NgoClosure(int Confirmed, int Unconfirmed, int Disputed, double? ConfirmedRate, double? UnconfirmedRate, double? DisputedRate);

/// <summary>An NGO's times, each estimated from a duration histogram.</summary>
/// <param name="ToAccept">Assignment made → the NGO accepted it.</param>
/// <param name="ToResolve">The NGO accepted the case → it resolved it.</param>
public sealed record NgoTimes(DurationSummary ToAccept, DurationSummary ToResolve);

/// <summary>Citizens' 1–5 ratings of requests an NGO resolved.</summary>
/// <param name="Count">Ratings given.</param>
/// <param name="Mean">Their mean (2 decimals), <c>null</c> when none was given.</param>
public sealed record NgoRating(int Count, double? Mean);
