using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.NgoActions;

/// <summary>What an NGO does to a request routed to it.</summary>
public enum NgoCaseAction
{
    /// <summary>Takes it: Routed → Accepted (the assignment becomes Accepted).</summary>
    Accept,

    /// <summary>Turns it down with a reason: the assignment becomes Declined and the request goes to the next candidate.</summary>
    Decline,

    /// <summary>Starts work: Accepted → InProgress.</summary>
    Start,

    /// <summary>Ends the NGO's work with an outcome (<see cref="ResolutionOutcomes"/>): InProgress → Resolved,
    /// and the citizen is asked to confirm.</summary>
    Resolve,
}

/// <summary>One NGO action with what the NGO sent along.</summary>
/// <param name="Action">The action.</param>
/// <param name="Language">The language of error messages.</param>
/// <param name="Reason">The decline reason (<see cref="DeclineReasons"/>), required on a decline; or the
/// reason a resolution was not successful (<see cref="ResolutionOutcomes.Reasons"/>), required with that outcome.</param>
/// <param name="Note">Optional free text on a decline or a resolution (required with the resolution reason
/// <c>other</c>); stored on the assignment only.</param>
/// <param name="Outcome">The resolution's outcome (<see cref="ResolutionOutcomes.Codes"/>); resolve only, required there.</param>
public sealed record NgoCaseCommand(NgoCaseAction Action, Language Language, string? Reason = null, string? Note = null, string? Outcome = null);
