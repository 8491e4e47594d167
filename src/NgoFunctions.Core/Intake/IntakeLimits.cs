namespace NgoFunctions.Core.Intake;

/// <summary>Length limits of free-text fields, in characters as a reader counts them (text elements:
/// an emoji or a letter with its marks is one).</summary>
public static class IntakeLimits
{
    /// <summary>Shortest useful description.</summary>
    public const int DescriptionMin = 10;

    /// <summary>Longest description (fits comfortably in one table property and one Telegram message).</summary>
    public const int DescriptionMax = 2000;

    /// <summary>Longest name.</summary>
    public const int NameMax = 100;
}
