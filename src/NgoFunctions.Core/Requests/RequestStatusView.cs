namespace NgoFunctions.Core.Requests;

/// <summary>What anyone holding the tracking code may see of a request: no personal data (no name,
/// phone or description). Of a sensitive request (<see cref="Domain.SensitiveCases"/>) only its status
/// and dates: sector, place, urgency and NGO are <c>null</c>, whatever its status.</summary>
/// <param name="TrackingCode">Display form, <c>XXXXX-XXXXX</c>.</param>
/// <param name="Status">Status name, e.g. <c>Routed</c>.</param>
/// <param name="Sector">Sector code; <c>null</c> for a sensitive request.</param>
/// <param name="Governorate">Governorate P-code; <c>null</c> for a sensitive request.</param>
/// <param name="District">District P-code, if given; <c>null</c> for a sensitive request.</param>
/// <param name="SubDistrict">Sub-district P-code, if given; <c>null</c> for a sensitive request.</param>
/// <param name="Urgency">Urgency code: <c>emergency</c>, <c>urgent</c>, <c>normal</c>; <c>null</c> for a sensitive request.</param>
/// <param name="SubmittedAt">When it was submitted (UTC).</param>
/// <param name="UpdatedAt">When its status last changed (UTC).</param>
/// <param name="NeedsAttention">Whether the ministry is handling it by hand.</param>
/// <param name="Ngo">The NGO it is with, once routed; never for a sensitive request.</param>
/// <param name="Events">The timeline, oldest first (types, statuses and times only).</param>
/// <param name="Sensitive">Whether the request is sensitive, so shown with its status and dates only.</param>
public sealed record RequestStatusView(
    string TrackingCode,
    string Status,
    string? Sector,
    string? Governorate,
    string? District,
    string? SubDistrict,
    string? Urgency,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    bool NeedsAttention,
    NgoRef? Ngo,
    IReadOnlyList<TimelineEntry> Events,
    bool Sensitive);

/// <summary>An NGO as the citizen sees it.</summary>
/// <param name="Id">NGO id.</param>
/// <param name="Name">Arabic and English name.</param>
public sealed record NgoRef(string Id, Domain.LocalizedName Name);

/// <summary>One step of the timeline.</summary>
/// <param name="Sequence">1-based position.</param>
/// <param name="Type">What happened: a status name or <c>NeedsAttention</c>.</param>
/// <param name="Status">Status after the step.</param>
/// <param name="At">When (UTC).</param>
public sealed record TimelineEntry(int Sequence, string Type, string Status, DateTimeOffset At);
