using Azure;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Security;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Partners;

/// <summary>The keys of Open311 partners, the civic-report apps and case-management tools that post
/// service requests through Open311 GeoReport v2 (<c>api_key</c>). A partner is named by the admin (an id
/// of the registry's shape, e.g. <c>kobo-aleppo</c>) and exists through its keys: PartnerApiKeys, PK =
/// partner id, RK = key id, SHA-256 only (<see cref="HashedKeyTable"/>, the NGO keys' machinery). A key is
/// <c>{partner id}.{key id}.{secret}</c>, shown once, revocable, checked with one point read and a
/// constant-time comparison. Storage failures propagate as <see cref="RequestFailedException"/>.</summary>
public sealed partial class PartnerApiKeys(StorageTables tables, TimeProvider clock, ILogger<PartnerApiKeys> logger)
{
    private readonly HashedKeyTable _keys = new(tables.PartnerApiKeys, clock);

    /// <summary>Issues a new key for the partner; <c>null</c> when <paramref name="partnerId"/> is not an id
    /// of the registry's shape. The key is in the answer and nowhere else.</summary>
    public async Task<IssuedPartnerApiKey?> IssueAsync(string? partnerId, CancellationToken cancellationToken)
    {
        if (!NgoApiKeyFormat.IsHolderId(partnerId))
        {
            return null;
        }

        var (keyId, key, createdAt) = await _keys.IssueAsync(partnerId!, cancellationToken);
        LogIssued(partnerId!, keyId);
        return new IssuedPartnerApiKey(partnerId!, keyId, key, createdAt);
    }

    /// <summary>The partner's keys, oldest first, without secrets; <c>null</c> when it has none (or the id
    /// is malformed): a partner exists through its keys.</summary>
    public async Task<IReadOnlyList<NgoApiKeySummary>?> ListAsync(string? partnerId, CancellationToken cancellationToken)
    {
        if (!NgoApiKeyFormat.IsHolderId(partnerId))
        {
            return null;
        }

        var keys = await _keys.ListAsync(partnerId!, cancellationToken);
        return keys.Count == 0 ? null : keys;
    }

    /// <summary>Revokes a key at once; idempotent, the row is kept with its revocation time.</summary>
    public async Task<KeyRevocation> RevokeAsync(string? partnerId, string? keyId, CancellationToken cancellationToken)
    {
        if (!NgoApiKeyFormat.IsHolderId(partnerId) || keyId is null)
        {
            return KeyRevocation.NotFound;
        }

        var revocation = await _keys.RevokeAsync(partnerId!, keyId, cancellationToken);
        if (revocation == KeyRevocation.Revoked)
        {
            LogRevoked(partnerId!, keyId);
        }

        return revocation;
    }

    /// <summary>The partner a presented key belongs to, or <c>null</c> when it is missing, malformed,
    /// unknown, revoked or wrong (the caller cannot tell which). One point read.</summary>
    public async Task<string?> AuthenticateAsync(string? presentedKey, CancellationToken cancellationToken)
    {
        if (!NgoApiKeyFormat.TryParse(presentedKey, out var partnerId, out var keyId))
        {
            return null;
        }

        return await _keys.MatchesAsync(presentedKey!, partnerId, keyId, cancellationToken) ? partnerId : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued API key {KeyId} for partner {PartnerId}")]
    private partial void LogIssued(string partnerId, string keyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked API key {KeyId} of partner {PartnerId}")]
    private partial void LogRevoked(string partnerId, string keyId);
}

/// <summary>A partner key just issued: the only time the key itself is ever shown.</summary>
/// <param name="PartnerId">The partner it belongs to.</param>
/// <param name="KeyId">Its id (not secret), for listing and revoking.</param>
/// <param name="Key">The key, sent as Open311's <c>api_key</c> form field (or the <c>X-Api-Key</c> header).</param>
/// <param name="CreatedAt">When it was issued (UTC).</param>
public sealed record IssuedPartnerApiKey(string PartnerId, string KeyId, string Key, DateTimeOffset CreatedAt);
