namespace NgoFunctions.Core.Intake;

/// <summary>Length limits of free-text fields. A minimum counts characters as a reader does (text
/// elements: an emoji or a letter with its marks is one), so ten emoji are not ten words' worth but
/// are not nothing either. A maximum counts UTF-16 code units, as Telegram counts its 4,096-character
/// message limit and a browser counts <c>maxlength</c>: a letter piled with a hundred marks is one text
/// element but a hundred and one units, and counting elements let a "2,000-character" description
/// push a bot or group message past Telegram's limit.</summary>
public static class IntakeLimits
{
    /// <summary>Shortest useful description.</summary>
    public const int DescriptionMin = 10;

    /// <summary>Longest description, in UTF-16 code units: with the longest name and a phone it still fits
    /// in one Telegram message (the bot's summary, the NGO group's accepted-case post).</summary>
    public const int DescriptionMax = 2000;

    /// <summary>Longest name, in UTF-16 code units.</summary>
    public const int NameMax = 100;
}
