namespace NgoFunctions.Core.Storage;

/// <summary>A request waiting to be routed (Waitlist, PK = <see cref="Keys.WaitlistPartition"/>, RK =
/// <see cref="Keys.WaitlistRow"/>): <c>Waitlisted</c> (NGOs cover it, each full or having declined it) or
/// <c>Unroutable</c> (no active NGO covers it, or its last allowed assignment ended). Serves one query: an NGO that gains room (or joins, or widens
/// its coverage) reads the partitions of its sectors and governorates in order and takes the first requests
/// it covers (<see cref="Routing.Waitlist"/>). Written before the request's status change (a missing row
/// would strand the request; a stale one is dropped by whoever finds it), deleted after the request leaves
/// the waitlist. The request is the truth. No personal data.</summary>
public sealed class WaitlistEntity : EntityBase
{
    /// <summary>Canonical tracking code: the request's partition in ServiceRequests.</summary>
    public string TrackingCode { get; set; } = string.Empty;

    /// <summary>Internal id of the request (for the routing message and logs).</summary>
    public Guid RequestId { get; set; }

    /// <summary><c>Waitlisted</c> or <c>Unroutable</c>, as the router last decided.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>Sector code.</summary>
    public string Sector { get; set; } = string.Empty;

    /// <summary>Governorate P-code.</summary>
    public string Governorate { get; set; } = string.Empty;

    /// <summary>District P-code, if the citizen gave one.</summary>
    public string? District { get; set; }

    /// <summary>Sub-district P-code, if the citizen gave one.</summary>
    public string? SubDistrict { get; set; }

    /// <summary><see cref="Domain.Urgency"/> name.</summary>
    public string Urgency { get; set; } = string.Empty;

    /// <summary>Whether only NGOs that handle sensitive cases may take it (<see cref="Domain.SensitiveCases"/>).</summary>
    public bool Sensitive { get; set; }

    /// <summary>NGOs that declined the request or let it expire, comma-separated: they never get it back.</summary>
    public string DeclinedBy { get; set; } = string.Empty;

    /// <summary>When the request was stored (UTC); the emergency SLA runs from here.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When a waitlisted emergency past its response target was flagged for the ministry (UTC), or <c>null</c>.</summary>
    public DateTimeOffset? SlaFlaggedAt { get; set; }
}
