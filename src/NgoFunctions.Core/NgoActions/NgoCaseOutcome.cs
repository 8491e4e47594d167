using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.NgoActions;

/// <summary>The outcome of an NGO action or read.</summary>
public abstract record NgoCaseOutcome
{
    private NgoCaseOutcome()
    {
    }

    /// <summary>Done (or done before: a repeated action changes nothing and answers the same).</summary>
    /// <param name="Case">The request as the NGO sees it now.</param>
    public sealed record Done(NgoCaseView Case) : NgoCaseOutcome;

    /// <summary>No such request for this NGO: unknown, malformed, or another NGO's (not told apart).</summary>
    public sealed record NotFound : NgoCaseOutcome;

    /// <summary>The body is not acceptable: field (as on the wire) → messages.</summary>
    /// <param name="Errors">The field errors.</param>
    public sealed record Rejected(IReadOnlyDictionary<string, string[]> Errors) : NgoCaseOutcome;

    /// <summary>The request's status does not allow the action.</summary>
    /// <param name="Action">The action asked for.</param>
    /// <param name="Status">The request's status now.</param>
    public sealed record Conflict(NgoCaseAction Action, RequestStatus Status) : NgoCaseOutcome;

    /// <summary>The request kept changing while the action was tried (every ETag-checked write lost); send it again.</summary>
    public sealed record Busy : NgoCaseOutcome;
}
