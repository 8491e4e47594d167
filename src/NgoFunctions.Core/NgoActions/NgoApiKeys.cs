using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Security;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>The NGOs' API keys (NgoApiKeys, PK = NGO id, RK = key id): issued by the admin, stored as
/// SHA-256 only, revocable, and checked on every NGO call with one point read and a constant-time
/// comparison, beside a point read of the NGO (a deactivated NGO's keys open nothing). A plain SHA-256 suits keys with 256 random bits (see <see cref="ApiKeyVerifier"/>).</summary>
public sealed partial class NgoApiKeys(StorageTables tables, NgoRegistry registry, TimeProvider clock, ILogger<NgoApiKeys> logger)
{
    // A clash of two 50-bit key ids is all but impossible; one more draw settles it if it happens.
    private const int IssueAttempts = 3;

    /// <summary>Issues a new key for the NGO; <c>null</c> when no NGO has this id. The key is in the
    /// answer and nowhere else: only its hash is stored.</summary>
    public async Task<IssuedNgoApiKey?> IssueAsync(string ngoId, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(ngoId, cancellationToken) is null)
        {
            return null;
        }

        for (var attempt = 1; attempt <= IssueAttempts; attempt++)
        {
            var (keyId, key) = NgoApiKeyFormat.New(ngoId);
            var now = clock.GetUtcNow();
            try
            {
                await tables.NgoApiKeys.AddEntityAsync(
                    new NgoApiKeyEntity { PartitionKey = ngoId, RowKey = keyId, KeySha256 = ApiKeyVerifier.Hash(key), CreatedAt = now },
                    cancellationToken);
                LogIssued(ngoId, keyId);
                return new IssuedNgoApiKey(ngoId, keyId, key, now);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // That key id exists already: draw another.
            }
        }

        throw new InvalidOperationException($"Could not find a free key id for NGO {ngoId}.");
    }

    /// <summary>The NGO's keys, oldest first, without secrets; <c>null</c> when no NGO has this id.</summary>
    public async Task<IReadOnlyList<NgoApiKeySummary>?> ListAsync(string ngoId, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(ngoId, cancellationToken) is null)
        {
            return null;
        }

        var keys = new List<NgoApiKeySummary>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ngoId}");
        await foreach (var key in tables.NgoApiKeys.QueryAsync<NgoApiKeyEntity>(filter, cancellationToken: cancellationToken))
        {
            keys.Add(new NgoApiKeySummary(key.RowKey, key.CreatedAt, key.RevokedAt));
        }

        return keys.OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Revokes a key at once (the next call with it is refused). Idempotent; the row is kept
    /// with its revocation time.</summary>
    public async Task<KeyRevocation> RevokeAsync(string ngoId, string keyId, CancellationToken cancellationToken)
    {
        if (!NgoApiKeyFormat.IsKeyId(keyId))
        {
            return KeyRevocation.NotFound;
        }

        while (true)
        {
            var found = await tables.NgoApiKeys.GetEntityIfExistsAsync<NgoApiKeyEntity>(ngoId, keyId, cancellationToken: cancellationToken);
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
                await tables.NgoApiKeys.UpdateEntityAsync(key, key.ETag, TableUpdateMode.Replace, cancellationToken);
                LogRevoked(ngoId, keyId);
                return KeyRevocation.Revoked;
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Revoked by a concurrent call: read it again.
            }
        }
    }

    /// <summary>Checks a presented key: <see cref="NgoKeyCheck.Valid"/> with the NGO it belongs to;
    /// <see cref="NgoKeyCheck.Deactivated"/> when the key is right but the registry marks its NGO
    /// inactive (or no longer holds it); <see cref="NgoKeyCheck.Refused"/> when it is missing, malformed,
    /// unknown, revoked or wrong (the caller cannot tell which). Two point reads side by side, the key's
    /// row and the NGO's. Throws <see cref="RequestFailedException"/> when storage fails.</summary>
    public async Task<NgoKeyCheck> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken)
    {
        if (!NgoApiKeyFormat.TryParse(presentedKey, out var ngoId, out var keyId))
        {
            return NgoKeyCheck.Refused.Instance;
        }

        var keyTask = tables.NgoApiKeys.GetEntityIfExistsAsync<NgoApiKeyEntity>(ngoId, keyId, cancellationToken: cancellationToken);
        var ngoTask = registry.FindAsync(ngoId, cancellationToken);
        await Task.WhenAll(keyTask, ngoTask);
        var (found, ngo) = (keyTask.Result, ngoTask.Result);
        if (!found.HasValue || found.Value!.RevokedAt is not null)
        {
            return NgoKeyCheck.Refused.Instance;
        }

        byte[] expected;
        try
        {
            expected = Convert.FromHexString(found.Value.KeySha256);
        }
        catch (FormatException)
        {
            return NgoKeyCheck.Refused.Instance;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey!));
        if (!CryptographicOperations.FixedTimeEquals(presented, expected))
        {
            return NgoKeyCheck.Refused.Instance;
        }

        return ngo is { Active: true } ? new NgoKeyCheck.Valid(ngoId) : new NgoKeyCheck.Deactivated(ngoId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued API key {KeyId} for NGO {NgoId}")]
    private partial void LogIssued(string ngoId, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API key {KeyId} of NGO {NgoId}")]
    private partial void LogRevoked(string ngoId, string keyId);
}

/// <summary>The outcome of <see cref="NgoApiKeys.AuthenticateAsync"/>.</summary>
public abstract record NgoKeyCheck
{
    private NgoKeyCheck()
    {
    }

    /// <summary>A right, unrevoked key of an active NGO.</summary>
    /// <param name="NgoId">The NGO it belongs to.</param>
    public sealed record Valid(string NgoId) : NgoKeyCheck;

    /// <summary>A right, unrevoked key of an NGO the registry marks inactive (HTTP 403).</summary>
    /// <param name="NgoId">The NGO it belongs to.</param>
    public sealed record Deactivated(string NgoId) : NgoKeyCheck;

    /// <summary>No key, or a malformed, unknown, revoked or wrong one (HTTP 401).</summary>
    public sealed record Refused : NgoKeyCheck
    {
        /// <summary>The one instance.</summary>
        public static readonly Refused Instance = new();

        private Refused()
        {
        }
    }
}
