namespace NgoFunctions.Core.Storage;

/// <summary>One API key of an NGO (NgoApiKeys, PK = NGO id, RK = key id). The key the NGO holds is
/// <c>{ngo id}.{key id}.{secret}</c>, so checking it is one point read; the NGO's keys are one
/// partition (the admin's list). Only the SHA-256 of the whole key is stored, never the key.</summary>
public sealed class NgoApiKeyEntity : EntityBase
{
    /// <summary>Lower-case hex SHA-256 of the whole key (UTF-8).</summary>
    public string KeySha256 { get; set; } = string.Empty;

    /// <summary>When it was issued (UTC).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it was revoked (UTC); <c>null</c> while it is valid. Revoked keys are kept for the record.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
