namespace NgoFunctions.Core.NgoActions;

/// <summary>What an NGO says became of a case it resolves: <c>successful</c>, or <c>not-successful</c>
/// with a reason from a fixed list (the closure reasons case-management systems such as Primero record,
/// and inter-agency referral reports count), so the ministry can count them. <c>other</c> needs a note.
/// Texts <c>ngo.outcome.{code}</c> and <c>ngo.outcome.reason.{code}</c> name each in both languages.
/// Stored on the <c>Resolved</c> event's detail as <see cref="Detail"/> gives it.</summary>
public static class ResolutionOutcomes
{
    /// <summary>The need was met.</summary>
    public const string Successful = "successful";

    /// <summary>The case ends without the need met; a reason says why.</summary>
    public const string NotSuccessful = "not-successful";

    /// <summary>The reason that needs a note.</summary>
    public const string OtherReason = "other";

    /// <summary>Both outcomes, in display order.</summary>
    public static readonly IReadOnlyList<string> Codes = [Successful, NotSuccessful];

    /// <summary>Why a case ended not successful, in display order.</summary>
    public static readonly IReadOnlyList<string> Reasons =
        ["client-unreachable", "no-longer-needed", "lack-of-capacity", "client-refused", "referred-elsewhere", OtherReason];

    /// <summary>Whether <paramref name="code"/> is an outcome (exact, lower case).</summary>
    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);

    /// <summary>Whether <paramref name="code"/> is a not-successful reason (exact, lower case).</summary>
    public static bool IsKnownReason(string? code) => code is not null && Reasons.Contains(code);

    /// <summary>The event detail for an outcome: <c>successful</c>, or <c>not-successful:{reason}</c>
    /// (never the note, which is the NGO's free text and stays on the assignment).</summary>
    public static string Detail(string outcome, string? reason) =>
        outcome == NotSuccessful && reason is not null ? $"{NotSuccessful}:{reason}" : outcome;

    /// <summary>Reads a <see cref="Detail"/> back: the outcome and its reason (<c>null</c> for a
    /// successful one), or <c>null</c> for a detail that is no outcome (a resolution recorded before
    /// outcomes were asked for).</summary>
    public static (string Outcome, string? Reason)? Parse(string? detail) => detail switch
    {
        Successful => (Successful, null),
        not null when detail.StartsWith(NotSuccessful + ":", StringComparison.Ordinal)
            && detail[(NotSuccessful.Length + 1)..] is var reason && IsKnownReason(reason) => (NotSuccessful, reason),
        _ => null,
    };
}
