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

    /// <summary>Not stored: what is wrong, by wire field name, in <paramref name="Language"/>.</summary>
    /// <param name="Errors">Field (camelCase) → messages.</param>
    /// <param name="Language">The language the messages are in.</param>
    public sealed record Rejected(IReadOnlyDictionary<string, string[]> Errors, Language Language) : IntakeResult;
}
