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
