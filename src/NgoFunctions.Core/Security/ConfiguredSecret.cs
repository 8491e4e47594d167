using System.Text;
using Microsoft.Extensions.Hosting;

namespace NgoFunctions.Core.Security;

/// <summary>Reads a secret setting as the deployment hands it over. App settings point at Key Vault
/// (<c>infra/modules/function-app.bicep</c>) whether or not the secret was created; until it exists,
/// Azure passes the reference's own text, <c>@Microsoft.KeyVault(SecretUri=...)</c>, as the value. That text
/// is no secret (whoever knows the vault's name can write it), so it counts as not set, as an empty value does.</summary>
public static class ConfiguredSecret
{
    /// <summary>How an unresolved Key Vault reference begins (compared ignoring case).</summary>
    public const string KeyVaultReferencePrefix = "@Microsoft.KeyVault(";

    /// <summary><paramref name="value"/>, or <c>null</c> when it is empty, white space, or an unresolved
    /// Key Vault reference.</summary>
    public static string? Of(string? value) =>
        string.IsNullOrWhiteSpace(value) || value.StartsWith(KeyVaultReferencePrefix, StringComparison.OrdinalIgnoreCase) ? null : value;

    /// <summary>As <see cref="Of(string?)"/>, as UTF-8 key material; when not set, in the Development environment
    /// <paramref name="developmentValue"/> (a fixed, published value for local runs, which protects nothing)
    /// and elsewhere <c>null</c>, so the feature the secret keys stays off rather than run on a known key.</summary>
    public static byte[]? OrDevelopment(string? value, IHostEnvironment environment, string developmentValue) =>
        Of(value) is { } secret ? Encoding.UTF8.GetBytes(secret)
        : environment.IsDevelopment() ? Encoding.UTF8.GetBytes(developmentValue)
        : null;
}
