using System.Security.Cryptography;

namespace NgoFunctions.Core.Security;

/// <summary>The one recipe behind every pseudonym the system keeps or logs instead of a personal value
/// (a chat id, a phone number, a client address): HMAC-SHA256 of the value under a key derived with
/// HKDF-SHA256 (no salt) from a configured secret and a purpose string, so each purpose has its own key;
/// the first 128 bits, as 32 lower-case hex digits. Without the secret the value cannot be confirmed by
/// hashing guesses.</summary>
public static class KeyedPseudonym
{
    /// <summary>The 32-byte key for <paramref name="purpose"/> derived from <paramref name="secret"/>.</summary>
    public static byte[] Key(byte[] secret, byte[] purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt: [], info: purpose);

    /// <summary>The pseudonym of <paramref name="value"/> under <paramref name="key"/>: 32 lower-case hex digits.</summary>
    public static string Of(byte[] key, ReadOnlySpan<byte> value) =>
        Convert.ToHexString(HMACSHA256.HashData(key, value), 0, 16).ToLowerInvariant();
}
