namespace NgoFunctions.Core.Domain;

/// <summary>Where a service request stands. Stored as its name (a string), never as a number.</summary>
/// <remarks>The lifecycle of the design handbook: Submitted → Routed → Accepted → InProgress →
/// Resolved → Closed; Routed → Routed again (after a declined or expired assignment) or Unroutable;
/// Cancelled by the citizen before Resolved.</remarks>
public enum RequestStatus
{
    /// <summary>Stored and queued for routing.</summary>
    Submitted,

    /// <summary>Assigned to an NGO that has not accepted yet.</summary>
    Routed,

    /// <summary>The NGO accepted the assignment.</summary>
    Accepted,

    /// <summary>The NGO is working on it.</summary>
    InProgress,

    /// <summary>The NGO reports the need met.</summary>
    Resolved,

    /// <summary>Finished: no further change.</summary>
    Closed,

    /// <summary>No NGO fits (sector, coverage, capacity): a coverage gap escalated to the ministry.</summary>
    Unroutable,

    /// <summary>Withdrawn by the citizen before it was resolved.</summary>
    Cancelled,
}
