using System.Security.Cryptography;
using System.Text;

namespace NgoFunctions.Core.Hsds;

/// <summary>Name-based UUIDs, version 5 (SHA-1), as RFC 9562 §5.5 defines them: the same namespace and
/// name always give the same UUID, on any machine, so ids derived this way need no storage.</summary>
public static class UuidV5
{
    /// <summary>The version 5 UUID of <paramref name="name"/> (hashed as UTF-8) in <paramref name="namespaceId"/>:
    /// SHA-1 over the namespace's 16 bytes in network order followed by the name, the first 16 bytes of
    /// the hash with the version nibble set to 5 and the variant bits to <c>10</c>.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input.AsSpan(0, 16), bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        // SHA-1 is what version 5 is defined with; it names things here, it protects nothing.
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
