using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NgoFunctions.Core.Security;

/// <summary>Refuses, outside the Development environment, the key hashes of the sample keys that the
/// README and <c>local.settings.sample.json</c> publish (<c>local-admin-key</c>, <c>local-ministry-key</c>):
/// anyone who read them could manage the registry or read the ministry's views. Runs at start
/// (<c>ValidateOnStart</c>), so a host configured with them does not start; the failure names the
/// setting, the environment and how to make a key of one's own.</summary>
public sealed class SecurityOptionsValidator(IHostEnvironment environment) : IValidateOptions<SecurityOptions>
{
    /// <summary>The published sample keys, by the SHA-256 (lower-case hex) configured for them.</summary>
    public static readonly IReadOnlyDictionary<string, string> SampleKeysByHash = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [ApiKeyVerifier.Hash("local-admin-key")] = "local-admin-key",
        [ApiKeyVerifier.Hash("local-ministry-key")] = "local-ministry-key",
    };

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        if (environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        foreach (var (setting, hash) in new[]
        {
            (nameof(SecurityOptions.AdminApiKeySha256), options.AdminApiKeySha256),
            (nameof(SecurityOptions.MinistryApiKeySha256), options.MinistryApiKeySha256),
        })
        {
            if (hash is not null && SampleKeysByHash.TryGetValue(hash.Trim(), out var sampleKey))
            {
                failures.Add(
                    $"{SecurityOptions.SectionName}:{setting} is the SHA-256 of the published sample key '{sampleKey}', which anyone can use; " +
                    $"it is accepted only in the Development environment (this one is '{environment.EnvironmentName}'). " +
                    "Make a key of your own with `openssl rand -base64 32` and configure its hash: `printf %s \"$KEY\" | sha256sum`.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
