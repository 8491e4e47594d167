using System.Globalization;

namespace NgoFunctions.Core.Intake;

/// <summary>Text rules shared by the validator and the bot, which checks each answer as it comes.</summary>
public static class IntakeRules
{
    /// <summary>Characters as a reader counts them (text elements: an emoji with its joiners is one),
    /// after trimming; an element made only of invisible format characters (direction marks,
    /// zero-width joiners) does not count, so twelve right-to-left marks are not a description.</summary>
    public static int TextLength(string text)
    {
        var count = 0;
        var elements = StringInfo.GetTextElementEnumerator(text.Trim());
        while (elements.MoveNext())
        {
            if (elements.GetTextElement().Any(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether <paramref name="text"/> holds a character no one typed on purpose: a control
    /// character other than tab and line breaks, or a bidirectional embedding, override or isolate
    /// (U+202A–U+202E, U+2066–U+2069), which can make a phone number or a name read backwards in an NGO's
    /// group. The marks Arabic text does use (U+200E, U+200F, U+061C) are allowed.</summary>
    public static bool HasHiddenControls(string? text) =>
        text is not null && text.Any(c =>
            (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069');

    /// <summary>Whether a description, trimmed, has at least <see cref="IntakeLimits.DescriptionMin"/> text
    /// elements (<see cref="TextLength"/>) and at most <see cref="IntakeLimits.DescriptionMax"/> UTF-16 code
    /// units (the unit of Telegram's message limit).</summary>
    public static bool IsDescriptionLengthValid(string? description) =>
        !string.IsNullOrWhiteSpace(description)
        && TextLength(description) >= IntakeLimits.DescriptionMin
        && description.Trim().Length <= IntakeLimits.DescriptionMax;

    /// <summary>Whether a name, trimmed, has at most <see cref="IntakeLimits.NameMax"/> UTF-16 code units.</summary>
    public static bool IsNameLengthValid(string name) => name.Trim().Length <= IntakeLimits.NameMax;
}
