namespace NgoFunctions.Core.Storage;

/// <summary>One attempt to hand a request to one NGO (ServiceRequests, PK = tracking code,
/// RK <c>assignment-NN</c>), with the routing reason that explains the choice.</summary>
public sealed class AssignmentEntity : EntityBase
{
    /// <summary>1-based attempt number.</summary>
    public int Attempt { get; set; }

    /// <summary>The NGO.</summary>
    public string NgoId { get; set; } = string.Empty;

    /// <summary><c>Pending</c>, <c>Accepted</c>, <c>Declined</c> or <c>Expired</c>.</summary>
    public string State { get; set; } = "Pending";

    /// <summary>When it was made (UTC).</summary>
    public DateTimeOffset AssignedAt { get; set; }

    /// <summary>Coverage level that matched: <c>SubDistrict</c>, <c>District</c>, <c>Governorate</c>, <c>Country</c>.</summary>
    public string CoverageLevel { get; set; } = string.Empty;

    /// <summary>The P-code of the NGO's coverage that matched.</summary>
    public string MatchedPCode { get; set; } = string.Empty;

    /// <summary>The routing reason as JSON: every candidate with its coverage level, load and capacity.</summary>
    public string Reason { get; set; } = string.Empty;

    /// <summary>Version of the routing rule that decided.</summary>
    public string RuleVersion { get; set; } = string.Empty;

    /// <summary>When the NGO accepted or declined it, or when it expired (UTC); <c>null</c> while pending.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>Why the NGO declined: a code of the fixed list (<c>out-of-capacity</c>, ...).</summary>
    public string? DeclineReason { get; set; }

    /// <summary>The NGO's own words on a decline or a resolution, kept here and never in events or
    /// logs: free text may name people.</summary>
    public string? Note { get; set; }
}
