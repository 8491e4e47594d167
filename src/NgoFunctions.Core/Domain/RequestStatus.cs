namespace NgoFunctions.Core.Domain;

/// <summary>Where a service request stands. Stored as its name (a string), never as a number.</summary>
/// <remarks>The lifecycle of the design handbook: Submitted → Routed → Accepted → InProgress →
/// Resolved → Closed; Routed → Routed again (after a declined or expired assignment), Waitlisted or
/// Unroutable; Waitlisted and Unroutable → Routed when an NGO that covers the request has or gains room
/// (<see cref="Routing.WaitlistFiller"/>); Resolved → Closed when the citizen confirms the help arrived or
/// says nothing for <c>Closure:ConfirmAfterDays</c>, Resolved → InProgress when the citizen says it did not
/// (<see cref="Closure.ClosureConfirmation"/>); Cancelled by the citizen before Resolved.</remarks>
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

    /// <summary>The NGO ended its work with an outcome (<see cref="NgoActions.ResolutionOutcomes"/>); the
    /// citizen is asked whether the help arrived.</summary>
    Resolved,

    /// <summary>Finished: confirmed by the citizen, or closed unconfirmed after their silence. No further change.</summary>
    Closed,

    /// <summary>Active NGOs cover the request's sector and place, but every one that may take it is at
    /// capacity: a capacity gap. The request keeps its place in line (urgency, then vulnerability flags,
    /// then age) and is routed when one of them gains room. Open: not final for retention.</summary>
    Waitlisted,

    /// <summary>No active NGO covers the request's sector and place (or every one that does declined it,
    /// or <c>Sla:MaxAssignments</c> NGOs had it): a coverage gap for the ministry. Open: re-checked when
    /// the registry adds or widens an NGO, and routed (or waitlisted) then.</summary>
    Unroutable,

    /// <summary>Withdrawn by the citizen before it was resolved.</summary>
    Cancelled,
}
