namespace NgoFunctions.Core.Domain;

/// <summary>The language a citizen reads: Arabic by default, English on request.</summary>
public enum Language
{
    /// <summary>Arabic (<c>ar</c>), the default.</summary>
    Ar,

    /// <summary>English (<c>en</c>).</summary>
    En,
}

/// <summary>Parsing and formatting of the <c>ar</c>/<c>en</c> codes used on the wire.</summary>
public static class LanguageCodes
{
    /// <summary>The wire code: <c>ar</c> or <c>en</c>.</summary>
    public static string ToCode(this Language language) => language == Language.En ? "en" : "ar";

    /// <summary>Parses <c>ar</c> or <c>en</c> (case-insensitive); anything else is <c>false</c>.</summary>
    public static bool TryParse(string? code, out Language language)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "ar":
                language = Language.Ar;
                return true;
            case "en":
                language = Language.En;
                return true;
            default:
                language = Language.Ar;
                return false;
        }
    }
}
