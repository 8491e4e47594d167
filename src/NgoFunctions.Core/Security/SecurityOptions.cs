namespace NgoFunctions.Core.Security;

/// <summary>API key hashes (section <c>Security</c>). Only the SHA-256 of each key is configured, in
/// hex; the key itself is never stored. Generate one with
/// <c>printf %s "$KEY" | sha256sum</c>.</summary>
public sealed class SecurityOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Security";

    /// <summary>SHA-256 (hex) of the admin key, which manages the NGO registry. Empty: admin routes refuse everyone.</summary>
    public string? AdminApiKeySha256 { get; set; }

    /// <summary>SHA-256 (hex) of the ministry key, which opens the read-only monitoring API
    /// (<c>/api/ministry/...</c>). Empty: only the admin key opens it.</summary>
    public string? MinistryApiKeySha256 { get; set; }
}
