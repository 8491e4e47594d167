using System.Globalization;
using System.Text.Json;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Localization;

/// <summary>Every user-facing text, in Arabic and English, from the embedded resource files
/// <c>Localization/{area}.ar.json</c> and <c>{area}.en.json</c> (one pair per area: <c>texts</c>,
/// <c>bot</c>, ...; flat key → text; placeholders <c>{0}</c>, <c>{1}</c> as in
/// <see cref="string.Format(IFormatProvider, string, object[])"/>).</summary>
public sealed class Texts
{
    private readonly Dictionary<Language, Dictionary<string, string>> _texts;

    /// <summary>Loads every file. Throws <see cref="InvalidDataException"/> when a language has no
    /// file, a key appears in two files, or the languages do not have the same keys, so a text can
    /// never exist in one language only.</summary>
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

    /// <summary>The <paramref name="text"/> in <paramref name="language"/>, its <see cref="LocalText"/>
    /// arguments said in that language too. Throws <see cref="KeyNotFoundException"/> for an unknown key.</summary>
    public string Get(LocalText text, Language language) =>
        Get(text.Key, language, text.Args.Select(a => a is LocalText inner ? Get(inner, language) : a).ToArray());

    /// <summary>The text for <paramref name="key"/> in <paramref name="language"/>, or <c>null</c> when there is none.</summary>
    public string? Find(string key, Language language) => _texts[language].GetValueOrDefault(key);

    private static Dictionary<string, string> Load(string code)
    {
        var assembly = typeof(Texts).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("NgoFunctions.Localization.", StringComparison.Ordinal) && n.EndsWith($".{code}.json", StringComparison.Ordinal))
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidDataException($"Texts for '{code}' are missing.");
        }

        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, text) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
            {
                if (!all.TryAdd(key, text))
                {
                    throw new InvalidDataException($"Text '{key}' is defined twice ({name}).");
                }
            }
        }

        return all;
    }
}
