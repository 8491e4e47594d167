using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Security;

/// <summary>API keys of one kind of holder (NGOs, Open311 partners) in one table: PK = holder id, RK = key
/// id, only the SHA-256 of the whole key stored (<see cref="NgoApiKeyEntity"/>). The key a holder gets is
/// <c>{holder id}.{key id}.{secret}</c> (<see cref="NgoApiKeyFormat"/>), so checking it is one point read
/// and a constant-time comparison. A plain SHA-256 suits keys with 256 random bits
/// (see <see cref="ApiKeyVerifier"/>). Storage failures propagate as <see cref="RequestFailedException"/>.</summary>
/// <param name="table">The holders' key table.</param>
/// <param name="clock">Issue and revocation times.</param>
public sealed class HashedKeyTable(TableClient table, TimeProvider clock)
{
    // A clash of two 50-bit key ids is all but impossible; one more draw settles it if it happens.
    private const int IssueAttempts = 3;

    /// <summary>Stores a new key for <paramref name="holderId"/> (an id of the registry's shape, 3-40 of
    /// a-z, 0-9 and '-') and returns it with its id and time: the only time the key exists outside the caller.</summary>
    public async Task<(string KeyId, string Key, DateTimeOffset CreatedAt)> IssueAsync(string holderId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= IssueAttempts; attempt++)
        {
            var (keyId, key) = NgoApiKeyFormat.New(holderId);
            var now = clock.GetUtcNow();
            try
            {
                await table.AddEntityAsync(
                    new NgoApiKeyEntity { PartitionKey = holderId, RowKey = keyId, KeySha256 = ApiKeyVerifier.Hash(key), CreatedAt = now },
                    cancellationToken);
                return (keyId, key, now);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // That key id exists already: draw another.
            }
        }

        throw new InvalidOperationException($"Could not find a free key id for {holderId}.");
    }

    /// <summary>The holder's keys, oldest first, without secrets (empty when it has none).</summary>
    public async Task<IReadOnlyList<NgoApiKeySummary>> ListAsync(string holderId, CancellationToken cancellationToken)
    {
        var keys = new List<NgoApiKeySummary>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {holderId}");
        await foreach (var key in table.QueryAsync<NgoApiKeyEntity>(filter, cancellationToken: cancellationToken))
        {
            keys.Add(new NgoApiKeySummary(key.RowKey, key.CreatedAt, key.RevokedAt));
        }

        return keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Revokes a key at once (the next call with it is refused). Idempotent; the row is kept
    /// with its revocation time (ETag-checked, read again after a concurrent change).</summary>
    public async Task<KeyRevocation> RevokeAsync(string holderId, string keyId, CancellationToken cancellationToken)
    {
        if (!NgoApiKeyFormat.IsKeyId(keyId))
        {
            return KeyRevocation.NotFound;
        }

        while (true)
        {
            var found = await table.GetEntityIfExistsAsync<NgoApiKeyEntity>(holderId, keyId, cancellationToken: cancellationToken);
            if (!found.HasValue)
            {
                return KeyRevocation.NotFound;
            }

            var key = found.Value!;
            if (key.RevokedAt is not null)
            {
                return KeyRevocation.AlreadyRevoked;
            }

            key.RevokedAt = clock.GetUtcNow();
            try
            {
                await table.UpdateEntityAsync(key, key.ETag, TableUpdateMode.Replace, cancellationToken);
                return KeyRevocation.Revoked;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Revoked by a concurrent call: read it again.
            }
        }
    }

    /// <summary>Whether <paramref name="presentedKey"/> is a stored, unrevoked key of <paramref name="holderId"/>
    /// (as parsed from it by <see cref="NgoApiKeyFormat.TryParse"/>): one point read, then a constant-time
    /// comparison of the hashes.</summary>
    public async Task<bool> MatchesAsync(string presentedKey, string holderId, string keyId, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<NgoApiKeyEntity>(holderId, keyId, cancellationToken: cancellationToken);
        return found.HasValue && found.Value!.RevokedAt is null && HashMatches(presentedKey, found.Value.KeySha256);
    }

    /// <summary>Whether the SHA-256 of <paramref name="presentedKey"/> equals <paramref name="storedSha256Hex"/>,
    /// compared in constant time; <c>false</c> for a stored value that is not hex.</summary>
    public static bool HashMatches(string presentedKey, string storedSha256Hex)
    {
        byte[] expected;
        try
        {
            expected = Convert.FromHexString(storedSha256Hex);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey)), expected);
    }
}
