using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.Core.Outcomes;

/// <summary>What a service answers to a caller's request: <see cref="Done"/> with its value, or one of the
/// refusals every surface (HTTP, bot, group desk) tells apart. The cases are closed (private constructor):
/// a caller that handles them all handles every answer. Storage failures are not outcomes: they throw.</summary>
/// <typeparam name="T">The value of a success; where a success has variants (created or replaced, new or
/// a duplicate), the value says which.</typeparam>
public abstract record Outcome<T>
{
    private Outcome()
    {
    }

    /// <summary>Done (or done before: a repeat changes nothing and answers the same).</summary>
    /// <param name="Value">What was made, read or found.</param>
    public sealed record Done(T Value) : Outcome<T>;

    /// <summary>The input is not acceptable; nothing changed.</summary>
    /// <param name="Errors">Field, as on the wire (camelCase, or a query parameter's name) → its messages,
    /// already in the caller's language.</param>
    public sealed record Rejected(IReadOnlyDictionary<string, string[]> Errors) : Outcome<T>;

    /// <summary>No such thing for this caller (unknown, malformed, or someone else's: not told apart).</summary>
    /// <param name="Title">What to say, in any language.</param>
    public sealed record NotFound(LocalText Title) : Outcome<T>;

    /// <summary>The thing's state does not allow what was asked; nothing changed.</summary>
    /// <param name="Title">What to say, in any language (e.g. <c>ngo.conflict.Accept</c> with the status).</param>
    public sealed record Conflict(LocalText Title) : Outcome<T>;

    /// <summary>The thing kept changing while the change was tried (every ETag-checked write lost);
    /// nothing changed, sending it again may succeed.</summary>
    public sealed record Busy : Outcome<T>;

    /// <summary>A limit is reached (<see cref="IntakeLimitOptions"/>); nothing stored or counted.</summary>
    /// <param name="Limit">Which one.</param>
    /// <param name="Allowed">The limit: submissions per window for an address, open requests for a phone.</param>
    /// <param name="RetryAfter">When it is worth trying again: for an address, when the oldest submission that
    /// counts leaves the window; for a phone, a hint only (a place frees when one of its requests ends).</param>
    public sealed record Limited(IntakeLimit Limit, int Allowed, TimeSpan RetryAfter) : Outcome<T>;
}
