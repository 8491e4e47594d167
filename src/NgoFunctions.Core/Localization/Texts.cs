using System.Globalization;
using System.Text.Json;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Localization;

/// <summary>Every user-facing text, in Arabic and English, from the embedded resource files
/// <c>Localization/texts.ar.json</c> and <c>texts.en.json</c> (flat key → text; placeholders
/// <c>{0}</c>, <c>{1}</c> as in <see cref="string.Format(IFormatProvider, string, object[])"/>).</summary>
public sealed class Texts
{
    private readonly Dictionary<Language, Dictionary<string, string>> _texts;

    /// <summary>Loads both files. Throws <see cref="InvalidDataException"/> when one is missing or
    /// the two do not have the same keys, so a text can never exist in one language only.</summary>
    public Texts()
    {
        _texts = new()
        {
            [Language.Ar] = Load("ar"),
            [Language.En] = Load("en"),
        };
        var missing = _texts[Language.Ar].Keys.Except(_texts[Language.En].Keys)
            .Concat(_texts[Language.En].Keys.Except(_texts[Language.Ar].Keys)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"Texts exist in one language only: {string.Join(", ", missing)}");
        }
    }

    /// <summary>Every key.</summary>
    public IEnumerable<string> Keys => _texts[Language.Ar].Keys;

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/>, with
    /// <paramref name="args"/> filled in. Throws <see cref="KeyNotFoundException"/> for an unknown key.</summary>
    public string Get(string key, Language language, params object?[] args)
    {
        if (!_texts[language].TryGetValue(key, out var text))
        {
            throw new KeyNotFoundException($"No text '{key}'.");
        }

        return args.Length == 0 ? text : string.Format(CultureInfo.InvariantCulture, text, args);
    }

    private static Dictionary<string, string> Load(string code)
    {
        var assembly = typeof(Texts).Assembly;
        var name = assembly.GetManifestResourceNames().SingleOrDefault(n => n.EndsWith($".texts.{code}.json", StringComparison.Ordinal))
            ?? throw new InvalidDataException($"Texts for '{code}' are missing.");
        using var stream = assembly.GetManifestResourceStream(name)!;
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidDataException($"Texts for '{code}' are empty.");
    }
}
