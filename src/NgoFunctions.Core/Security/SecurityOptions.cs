namespace NgoFunctions.Core.Security;

/// <summary>API key hashes (section <c>Security</c>). Only the SHA-256 of each key is configured, in
/// hex; the key itself is never stored. Make a key with <c>openssl rand -base64 32</c> and its hash with
/// <c>printf %s "$KEY" | sha256sum</c>. Outside the Development environment the hashes of the published
/// sample keys stop the host at start (<see cref="SecurityOptionsValidator"/>).</summary>
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
