using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace NgoFunctions.Core.NgoActions;

/// <summary>The shape of an NGO API key: <c>{ngo id}.{key id}.{secret}</c>. The NGO id and the key id
/// are not secret: they name the stored row, so checking a key is one point read. The key id is 10
/// symbols of lower-case Crockford base-32; the secret is 32 bytes from a CSPRNG in base64url (43
/// characters), which is what makes the key unguessable.</summary>
public static class NgoApiKeyFormat
{
    /// <summary>Symbols of a key id.</summary>
    public const int KeyIdLength = 10;

    private const string KeyIdAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private const int SecretBytes = 32;
    private const int MaxLength = 200;

    /// <summary>A new key for <paramref name="ngoId"/>, with its key id.</summary>
    public static (string KeyId, string Key) New(string ngoId)
    {
        Span<char> id = stackalloc char[KeyIdLength];
        for (var i = 0; i < KeyIdLength; i++)
        {
            id[i] = KeyIdAlphabet[RandomNumberGenerator.GetInt32(KeyIdAlphabet.Length)];
        }

        var keyId = new string(id);
        return (keyId, $"{ngoId}.{keyId}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes))}");
    }

    /// <summary>Splits a presented key into the NGO id and key id it names; <c>false</c> for anything
    /// that is not of the shape (the admin key, a truncated key, junk), without touching storage.</summary>
    public static bool TryParse(string? key, [NotNullWhen(true)] out string? ngoId, [NotNullWhen(true)] out string? keyId)
    {
        ngoId = keyId = null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        var parts = key.Split('.');
        if (parts.Length != 3 || !IsNgoId(parts[0]) || !IsKeyId(parts[1]) || parts[2].Length == 0)
        {
            return false;
        }

        (ngoId, keyId) = (parts[0], parts[1]);
        return true;
    }

    /// <summary>Whether <paramref name="text"/> has the shape of a key id.</summary>
    public static bool IsKeyId(string? text) => text is { Length: KeyIdLength } && text.All(c => KeyIdAlphabet.Contains(c));

    /// <summary>Whether <paramref name="text"/> is a holder id a key can name: the registry's id rule
    /// (NgoRegistrationValidator), 3-40 of a-z, 0-9 and '-'; the same rule for Open311 partners.</summary>
    public static bool IsHolderId(string? text) => text is not null && IsNgoId(text);

    // The registry's id rule (NgoRegistrationValidator): 3-40 of a-z, 0-9 and '-'.
    private static bool IsNgoId(string text) =>
        text.Length is >= 3 and <= 40 && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');
}
