namespace NgoFunctions.Core.Storage;

/// <summary>A case routed to an NGO (NgoCases, PK = NGO id, RK <c>case-{tracking code}</c>). Serves the
/// NGO's own list of cases (one partition) and makes capacity reservation idempotent. No personal data.</summary>
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
}
