using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace NgoFunctions.Core.Storage;

/// <summary>Continuation tokens as the APIs hand them out: Table Storage's token (it holds keys and a
/// space) behind a tag of the listing it came from, base64url-encoded as one opaque, URL-safe parameter.
/// The tag binds a token to its listing (the NGO, the filters), so a token from another listing, or
/// one made up, is refused with a clear error instead of quietly giving an empty or shifted page. It is
/// not a secret: the listing's own query still limits what any token can reach.</summary>
public static class ContinuationTokens
{
    private const int MaxLength = 2048;
    private const char Separator = '.';

    /// <summary>The storage token as an API token of the listing <paramref name="scope"/> (any text that
    /// names the query: the NGO and its filters); <c>null</c> stays <c>null</c> (no more pages).</summary>
    public static string? Wrap(string? storageToken, string scope) =>
        storageToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Tag(scope)}{Separator}{storageToken}"));

    /// <summary>The storage token inside an API token of the listing <paramref name="scope"/>, or
    /// <c>null</c> when it is absent, too long, not base64url, or made for another listing.</summary>
    public static string? Unwrap(string? apiToken, string scope)
    {
        if (string.IsNullOrEmpty(apiToken) || apiToken.Length > MaxLength)
        {
            return null;
        }

        string payload;
        try
        {
            payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(apiToken));
        }
        catch (FormatException)
        {
            return null;
        }

        var tag = Tag(scope);
        return payload.Length > tag.Length + 1 && payload.StartsWith(tag, StringComparison.Ordinal) && payload[tag.Length] == Separator
            ? payload[(tag.Length + 1)..]
            : null;
    }

    // 64 bits of SHA-256: tells listings apart, keeps tokens short.
    private static string Tag(string scope) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(scope)), 0, 8);
}
