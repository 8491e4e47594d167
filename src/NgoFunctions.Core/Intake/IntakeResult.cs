using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Intake;

/// <summary>The outcome of a submission: accepted with a tracking code, or rejected with field errors.</summary>
public abstract record IntakeResult
{
    private IntakeResult()
    {
    }

    /// <summary>Stored and queued for routing.</summary>
    /// <param name="RequestId">Internal id.</param>
    /// <param name="TrackingCode">The code to give the citizen.</param>
    /// <param name="Status">Always <see cref="RequestStatus.Submitted"/> at this point.</param>
    public sealed record Accepted(Guid RequestId, TrackingCode TrackingCode, RequestStatus Status) : IntakeResult;

    /// <summary>Not stored: the same phone number has an open request of the same sector, which this is
    /// (any channel); the submission is recorded on it as a <c>DuplicateSubmitted</c> event.</summary>
    /// <param name="RequestId">The open request's internal id.</param>
    /// <param name="TrackingCode">Its code, to give the citizen again.</param>
    /// <param name="Status">Its status now.</param>
    public sealed record Duplicate(Guid RequestId, TrackingCode TrackingCode, RequestStatus Status) : IntakeResult;

    /// <summary>Not stored, nothing changed: a limit is reached (<see cref="IntakeLimitOptions"/>).</summary>
    /// <param name="Limit">Which one.</param>
    /// <param name="Allowed">The limit: submissions per window for an address, open requests for a phone.</param>
    /// <param name="RetryAfter">When it is worth trying again: for an address, when the oldest submission that
    /// counts leaves the window; for a phone, a hint only (a place frees when one of its requests ends).</param>
    /// <param name="Language">The language to say it in.</param>
    public sealed record Limited(IntakeLimit Limit, int Allowed, TimeSpan RetryAfter, Language Language) : IntakeResult;

    /// <summary>Not stored: what is wrong, by wire field name, in <paramref name="Language"/>.</summary>
    /// <param name="Errors">Field (camelCase) → messages.</param>
    /// <param name="Language">The language the messages are in.</param>
    public sealed record Rejected(IReadOnlyDictionary<string, string[]> Errors, Language Language) : IntakeResult;
}

/// <summary>The limits intake enforces across instances (<see cref="IntakeLimitOptions"/>).</summary>
public enum IntakeLimit
{
    /// <summary>New submissions per client address in a window.</summary>
    Address,

    /// <summary>Open requests per phone number.</summary>
    Phone,
}
