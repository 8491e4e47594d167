using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Security;

namespace NgoFunctions.Core.Webhooks;

/// <summary>Each NGO's webhook signing secret, derived rather than stored. The secret has to be usable
/// as an HMAC key when signing, so a hash of it (as kept for API keys) would not do, and storing it even
/// encrypted would put a usable secret in the table. Instead the table keeps only a random registration
/// id (not secret on its own) and the secret is <c>whsec_</c> + base64url(HMAC-SHA256(K, ngoId + "\n" +
/// registrationId)), where K is derived with HKDF from <see cref="WebhookOptions.SigningKey"/>, a
/// configured secret (the recipe of <see cref="KeyedPseudonym"/>). Reading the table alone gives no
/// secret; a new registration (a new id) gives a new secret; changing the configured key changes every
/// secret. Without a configured key, Development uses a fixed development key (local runs only; it
/// protects nothing) and elsewhere <see cref="IsConfigured"/> is <c>false</c>; an unresolved Key Vault
/// reference is no key (<see cref="ConfiguredSecret"/>).</summary>
public sealed class WebhookSecrets(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    /// <summary>Every secret begins with this, so one pasted in the wrong place is recognised.</summary>
    public const string Prefix = "whsec_";

    private static readonly byte[] Purpose = "NgoFunctions webhook signing v1"u8.ToArray();

    // Public on purpose: it keys nothing outside Development.
    private const string DevelopmentKey = "NgoFunctions development only, never a webhook signing key";

    /// <summary>Whether secrets can be made here: a signing key is configured, or this is Development.</summary>
    public bool IsConfigured => Key() is not null;

    /// <summary>A new random registration id: 16 bytes from a CSPRNG, base64url (22 characters).</summary>
    public static string NewRegistrationId() => Base64Url(RandomNumberGenerator.GetBytes(16));

    /// <summary>The signing secret of <paramref name="ngoId"/>'s registration <paramref name="registrationId"/>.
    /// Throws <see cref="InvalidOperationException"/> when no key is configured (<see cref="IsConfigured"/>).</summary>
    public string For(string ngoId, string registrationId)
    {
        var key = Key() ?? throw new InvalidOperationException("No webhook signing key is configured (Webhooks:SigningKey).");
        var derived = KeyedPseudonym.Key(key, Purpose);
        return Prefix + Base64Url(HMACSHA256.HashData(derived, Encoding.UTF8.GetBytes(ngoId + "\n" + registrationId)));
    }

    private byte[]? Key() => ConfiguredSecret.OrDevelopment(options.Value.SigningKey, environment, DevelopmentKey);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
