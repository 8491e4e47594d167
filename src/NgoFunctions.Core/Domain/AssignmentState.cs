namespace NgoFunctions.Core.Domain;

/// <summary>Where one assignment (one attempt to hand a request to one NGO) stands. Stored as its
/// name. Pending → Accepted | Declined | Expired; only a pending assignment changes.</summary>
public enum AssignmentState
{
    /// <summary>Waiting for the NGO to accept or decline.</summary>
    Pending,

    /// <summary>The NGO took the request.</summary>
    Accepted,

    /// <summary>The NGO said no, with a reason; the request goes to the next candidate.</summary>
    Declined,

    /// <summary>The NGO did not answer within the accept deadline; the request goes to the next candidate.</summary>
    Expired,
}
