using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace NgoFunctions.Core.Domain;

/// <summary>The code a citizen is given to follow a request: 10 symbols of Crockford's base-32
/// alphabet (50 random bits from a CSPRNG, so it cannot be guessed or enumerated), shown as
/// <c>XXXXX-XXXXX</c>. Parsing forgives case, hyphens, spaces and the look-alikes O→0, I/L→1.</summary>
public readonly record struct TrackingCode
{
    /// <summary>Crockford's base-32 alphabet (no I, L, O, U).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Number of symbols, without the display hyphen.</summary>
    public const int Length = 10;

    private TrackingCode(string value) => Value = value;

    /// <summary>The canonical form: 10 upper-case symbols, no hyphen. This is the table key.</summary>
    public string Value { get; }

    /// <summary>A new random code.</summary>
    public static TrackingCode New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new TrackingCode(new string(chars));
    }

    /// <summary>The code made of the first 50 bits of <paramref name="digest"/> (at least 7 bytes): for
    /// a request whose idempotency key must follow from something the caller cannot choose, such as a
    /// digest of a value signed by Telegram. As unguessable as that value.</summary>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is shorter than 7 bytes.</exception>
    public static TrackingCode FromDigest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length < 7)
        {
            throw new ArgumentException("A tracking code takes 50 bits: 7 bytes at least.", nameof(digest));
        }

        ulong bits = 0;
        for (var i = 0; i < 7; i++)
        {
            bits = (bits << 8) | digest[i];
        }

        // 56 bits read, 50 used, 5 bits a symbol from the top.
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
        {
            chars[i] = Alphabet[(int)((bits >> (51 - (5 * i))) & 31)];
        }

        return new TrackingCode(new string(chars));
    }

    /// <summary>Parses what a citizen typed or a URL carried; <c>false</c> when it is not a code.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out TrackingCode? code)
    {
        code = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2 * Length)
        {
            return false;
        }

        Span<char> chars = stackalloc char[Length];
        var n = 0;
        foreach (var raw in text)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (n == Length || Alphabet.IndexOf(c) < 0)
            {
                return false;
            }

            chars[n++] = c;
        }

        if (n != Length)
        {
            return false;
        }

        code = new TrackingCode(new string(chars));
        return true;
    }

    /// <summary>The display form, <c>XXXXX-XXXXX</c>.</summary>
    public override string ToString() => Value is null ? string.Empty : $"{Value[..5]}-{Value[5..]}";
}
