using System.Buffers.Text;
using System.Text;

namespace NgoFunctions.Core.Storage;

/// <summary>Continuation tokens as the APIs hand them out: Table Storage's token holds keys and a
/// space, so it travels base64url-encoded as one opaque, URL-safe parameter.</summary>
public static class ContinuationTokens
{
    private const int MaxLength = 2048;

    /// <summary>The storage token as an API token; <c>null</c> stays <c>null</c> (no more pages).</summary>
    public static string? Wrap(string? storageToken) =>
        storageToken is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(storageToken));

    /// <summary>The storage token inside an API token, or <c>null</c> when it is absent, too long or
    /// not base64url (a token that was not ours).</summary>
    public static string? Unwrap(string? apiToken)
    {
        if (string.IsNullOrEmpty(apiToken) || apiToken.Length > MaxLength)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(apiToken));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
