namespace NgoFunctions.Core.Domain;

/// <summary>How soon help is needed: the three priority levels of inter-agency referral forms
/// (emergency within 24 hours, urgent within 72 hours, normal within two weeks).</summary>
public enum Urgency
{
    /// <summary>Response expected within 24 hours.</summary>
    Emergency,

    /// <summary>Response expected within 72 hours.</summary>
    Urgent,

    /// <summary>Response expected within two weeks.</summary>
    Normal,
}

/// <summary>Wire codes and response targets of <see cref="Urgency"/>.</summary>
public static class UrgencyLevels
{
    /// <summary>The codes accepted on the wire, lower case.</summary>
    public static readonly IReadOnlyList<string> Codes = ["emergency", "urgent", "normal"];

    /// <summary>The response target: 24 h, 72 h or 14 days.</summary>
    public static TimeSpan ResponseTarget(this Urgency urgency) => urgency switch
    {
        Urgency.Emergency => TimeSpan.FromHours(24),
        Urgency.Urgent => TimeSpan.FromHours(72),
        _ => TimeSpan.FromDays(14),
    };

    /// <summary>Parses a wire code (case-insensitive); <c>false</c> for anything else.</summary>
    public static bool TryParse(string? code, out Urgency urgency) =>
        Enum.TryParse(code?.Trim(), ignoreCase: true, out urgency)
        && Codes.Contains(code!.Trim().ToLowerInvariant());

    /// <summary>The wire code, lower case.</summary>
    public static string ToCode(this Urgency urgency) => urgency.ToString().ToLowerInvariant();
}
