using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NgoFunctions.Core.Webhooks;

/// <summary>How a webhook POST is signed: <c>X-Signature: sha256={hex}</c>, the lower-case hex
/// HMAC-SHA256, keyed with the UTF-8 bytes of the NGO's secret (<c>whsec_...</c>), of the
/// <c>X-Timestamp</c> value (unix seconds, decimal), a full stop, and the raw body bytes:
/// <c>HMAC(secret, "{timestamp}." + body)</c>. The timestamp is inside the signature so that a captured
/// request cannot be replayed later with a fresh timestamp; the receiver refuses a timestamp more than a
/// few minutes from its clock and an event id it has seen (docs/ngo-api.md has a verification snippet).</summary>
public static class WebhookSignature
{
    /// <summary>The header that carries the signature.</summary>
    public const string Header = "X-Signature";

    /// <summary>The header that carries the signing time, unix seconds.</summary>
    public const string TimestampHeader = "X-Timestamp";

    /// <summary>The header that carries the event id (also the body's <c>id</c>).</summary>
    public const string EventIdHeader = "X-Webhook-Id";

    /// <summary><c>sha256=</c> and the hex HMAC of <paramref name="timestamp"/>, <c>.</c> and <paramref name="body"/>.</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="timestamp"/> and
    /// <paramref name="body"/> under <paramref name="secret"/>, compared in constant time.</summary>
    public static bool Verify(string secret, long timestamp, ReadOnlySpan<byte> body, string? signature) =>
        signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(signature));
}
