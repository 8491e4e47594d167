using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace NgoFunctions.Core.Security;

/// <summary>Checks a presented API key against the configured SHA-256 hash, in constant time.
/// API keys are long random strings, so a plain (unsalted) SHA-256 is the usual fit: a slow password
/// hash would only cost time on every call.</summary>
public sealed class ApiKeyVerifier(IOptionsMonitor<SecurityOptions> options)
{
    /// <summary>Whether <paramref name="presentedKey"/> is the admin key. <c>false</c> when no hash is configured.</summary>
    public bool IsAdmin(string? presentedKey) => Matches(presentedKey, options.CurrentValue.AdminApiKeySha256);

    /// <summary>Whether <paramref name="presentedKey"/> is the ministry's (read-only monitoring) key.
    /// <c>false</c> when no hash is configured.</summary>
    public bool IsMinistry(string? presentedKey) => Matches(presentedKey, options.CurrentValue.MinistryApiKeySha256);

    /// <summary>The lower-case hex SHA-256 of <paramref name="key"/> (UTF-8).</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static bool Matches(string? presentedKey, string? expectedHashHex)
    {
        if (string.IsNullOrEmpty(presentedKey) || string.IsNullOrWhiteSpace(expectedHashHex))
        {
            return false;
        }

        byte[] expected;
        try
        {
            expected = Convert.FromHexString(expectedHashHex.Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
