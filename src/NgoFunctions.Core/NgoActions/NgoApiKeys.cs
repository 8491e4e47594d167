using Azure;
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
    private readonly HashedKeyTable _keys = new(tables.NgoApiKeys, clock);

    /// <summary>Issues a new key for the NGO; <c>null</c> when no NGO has this id. The key is in the
    /// answer and nowhere else: only its hash is stored.</summary>
    public async Task<IssuedNgoApiKey?> IssueAsync(string ngoId, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(ngoId, cancellationToken) is null)
        {
            return null;
        }

        var (keyId, key, createdAt) = await _keys.IssueAsync(ngoId, cancellationToken);
        LogIssued(ngoId, keyId);
        return new IssuedNgoApiKey(ngoId, keyId, key, createdAt);
    }

    /// <summary>The NGO's keys, oldest first, without secrets; <c>null</c> when no NGO has this id.</summary>
    public async Task<IReadOnlyList<NgoApiKeySummary>?> ListAsync(string ngoId, CancellationToken cancellationToken) =>
        await registry.FindAsync(ngoId, cancellationToken) is null ? null : await _keys.ListAsync(ngoId, cancellationToken);

    /// <summary>Revokes a key at once (the next call with it is refused). Idempotent; the row is kept
    /// with its revocation time.</summary>
    public async Task<KeyRevocation> RevokeAsync(string ngoId, string keyId, CancellationToken cancellationToken)
    {
        var revocation = await _keys.RevokeAsync(ngoId, keyId, cancellationToken);
        if (revocation == KeyRevocation.Revoked)
        {
            LogRevoked(ngoId, keyId);
        }

        return revocation;
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

        var keyTask = _keys.MatchesAsync(presentedKey!, ngoId, keyId, cancellationToken);
        var ngoTask = registry.FindAsync(ngoId, cancellationToken);
        await Task.WhenAll(keyTask, ngoTask);
        if (!keyTask.Result)
        {
            return NgoKeyCheck.Refused.Instance;
        }

        return ngoTask.Result is { Active: true } ? new NgoKeyCheck.Valid(ngoId) : new NgoKeyCheck.Deactivated(ngoId);
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
