namespace NgoFunctions.Core.Domain;

/// <summary>A name in the two languages every user-facing text exists in.</summary>
/// <param name="Ar">Arabic (shown first; stored and compared as Unicode, never transliterated).</param>
/// <param name="En">English.</param>
public sealed record LocalizedName(string Ar, string En)
{
    /// <summary>The name in <paramref name="language"/>.</summary>
    public string In(Language language) => language == Language.En ? En : Ar;
}
