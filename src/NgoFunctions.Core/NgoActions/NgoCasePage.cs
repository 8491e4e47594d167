namespace NgoFunctions.Core.NgoActions;

/// <summary>One page of an NGO's cases (<c>GET /api/ngo/requests</c>), open cases first, each range by
/// tracking code (table order).</summary>
/// <param name="Items">The cases of this page.</param>
/// <param name="ContinuationToken">Pass it back as <c>continuationToken</c> for the next page; <c>null</c> on the last.</param>
public sealed record NgoCasePage(IReadOnlyList<NgoCaseSummary> Items, string? ContinuationToken);

/// <summary>A case in the NGO's list: no personal data.</summary>
/// <param name="TrackingCode">Display form, <c>XXXXX-XXXXX</c>.</param>
/// <param name="Status">The request's status as the NGO last moved it (<c>Routed</c>, <c>Accepted</c>,
/// <c>InProgress</c>, <c>Resolved</c>, <c>Cancelled</c>, <c>Closed</c>).</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Urgency"><c>emergency</c>, <c>urgent</c> or <c>normal</c>.</param>
/// <param name="Governorate">Governorate P-code.</param>
/// <param name="District">District P-code, if given.</param>
/// <param name="SubDistrict">Sub-district P-code, if given.</param>
/// <param name="AssignedAt">When it was routed to the NGO (UTC).</param>
/// <param name="AcceptBy">While not yet accepted: when the assignment expires (UTC).</param>
/// <param name="LastActivityAt">The NGO's last accept or start, or the last reminder (UTC).</param>
/// <param name="ClosedAt">When it left the NGO's open cases (UTC).</param>
public sealed record NgoCaseSummary(
    string TrackingCode,
    string Status,
    string Sector,
    string Urgency,
    string Governorate,
    string? District,
    string? SubDistrict,
    DateTimeOffset AssignedAt,
    DateTimeOffset? AcceptBy,
    DateTimeOffset? LastActivityAt,
    DateTimeOffset? ClosedAt);
