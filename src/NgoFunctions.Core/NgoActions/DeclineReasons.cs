namespace NgoFunctions.Core.NgoActions;

/// <summary>Why an NGO may decline an assignment: a fixed list, so the ministry can count reasons
/// (free text goes in the optional note). Texts <c>ngo.decline.{code}</c> name each in both languages.</summary>
public static class DeclineReasons
{
    /// <summary>Every code, in display order.</summary>
    public static readonly IReadOnlyList<string> Codes =
        ["out-of-capacity", "outside-coverage", "not-our-service", "duplicate", "cannot-contact", "other"];

    /// <summary>Whether <paramref name="code"/> is on the list (exact, lower case).</summary>
    public static bool IsKnown(string? code) => code is not null && Codes.Contains(code);
}
