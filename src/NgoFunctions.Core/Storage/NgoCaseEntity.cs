namespace NgoFunctions.Core.Storage;

/// <summary>A case routed to an NGO (NgoCases, PK = NGO id, RK <c>case-{tracking code}</c> while open,
/// <c>closed-{tracking code}</c> once resolved, cancelled or closed). Serves the NGO's own list of cases
/// (one partition, filtered by <see cref="Status"/>), the SLA sweep (the open range of each NGO, filtered
/// by <see cref="AssignedAt"/> and <see cref="LastActivityAt"/>) and makes capacity reservation
/// idempotent. No personal data.</summary>
public sealed class NgoCaseEntity : EntityBase
{
    /// <summary>The request's internal id.</summary>
    public Guid RequestId { get; set; }

    /// <summary>The tracking code (canonical form).</summary>
    public string TrackingCode { get; set; } = string.Empty;

    /// <summary>The assignment attempt this case row belongs to.</summary>
    public int Attempt { get; set; }

    /// <summary>Sector code.</summary>
    public string Sector { get; set; } = string.Empty;

    /// <summary>Urgency name.</summary>
    public string Urgency { get; set; } = string.Empty;

    /// <summary>When it was routed to the NGO (UTC).</summary>
    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>Governorate P-code.</summary>
    public string Governorate { get; set; } = string.Empty;

    /// <summary>District P-code, if the citizen gave one.</summary>
    public string? District { get; set; }

    /// <summary>Sub-district P-code, if the citizen gave one.</summary>
    public string? SubDistrict { get; set; }

    /// <summary>The request's <see cref="Domain.RequestStatus"/> name as this NGO last moved it:
    /// <c>Routed</c> when the row is written by the router, then <c>Accepted</c>, <c>InProgress</c>, and
    /// on the closed row <c>Resolved</c>, <c>Cancelled</c> or <c>Closed</c>. The request is the truth;
    /// this copy serves the NGO's list and the sweep.</summary>
    public string Status { get; set; } = nameof(Domain.RequestStatus.Routed);

    /// <summary>The NGO's last accept or start, or the last reminder (UTC): the stale clock starts here.</summary>
    public DateTimeOffset? LastActivityAt { get; set; }

    /// <summary>When the case left the NGO's open cases (UTC), on the closed row.</summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Times the citizen sent the resolved case back (<c>ClosureDisputed</c>). A case sent back was
    /// counted resolved, and timed, when the NGO first resolved it: its later resolutions are neither
    /// (the NGO's <c>resolved</c> and <c>times.toResolve</c> count cases, once each).</summary>
    public int Reopened { get; set; }
}
