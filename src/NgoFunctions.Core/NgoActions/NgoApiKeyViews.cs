namespace NgoFunctions.Core.NgoActions;

/// <summary>A key just issued: the only time the key itself is ever shown.</summary>
/// <param name="NgoId">The NGO it belongs to.</param>
/// <param name="KeyId">Its id (not secret), for listing and revoking.</param>
/// <param name="Key">The key to put in the <c>X-Api-Key</c> header.</param>
/// <param name="CreatedAt">When it was issued (UTC).</param>
public sealed record IssuedNgoApiKey(string NgoId, string KeyId, string Key, DateTimeOffset CreatedAt);

/// <summary>A key as the admin's list shows it: no secret, no hash.</summary>
/// <param name="KeyId">Its id.</param>
/// <param name="CreatedAt">When it was issued (UTC).</param>
/// <param name="RevokedAt">When it was revoked (UTC), or <c>null</c>.</param>
public sealed record NgoApiKeySummary(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>Whether it no longer opens anything.</summary>
    public bool Revoked => RevokedAt is not null;
}

/// <summary>What became of a revocation.</summary>
public enum KeyRevocation
{
    /// <summary>Revoked now.</summary>
    Revoked,

    /// <summary>It was revoked before; nothing changed.</summary>
    AlreadyRevoked,

    /// <summary>The NGO has no key with this id.</summary>
    NotFound,
}
