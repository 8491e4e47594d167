using System.Text;
using Microsoft.Extensions.Hosting.Internal;
using NgoFunctions.Core.Security;

namespace NgoFunctions.Tests.Security;

/// <summary>A secret setting counts as set only when it holds a value: not empty, not white space, and not
/// the text of a Key Vault reference Azure could not resolve.</summary>
[Trait("Category", "Unit")]
public sealed class ConfiguredSecretTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-ngo.vault.azure.net/secrets/telegram-webhook-secret)")]
    [InlineData("@microsoft.keyvault(VaultName=kv-ngo;SecretName=webhook-signing-key)")]
    public void NoValueOrAnUnresolvedReference_IsNotSet(string? value) => Assert.Null(ConfiguredSecret.Of(value));

    [Theory]
    [InlineData("test-webhook-secret-0123456789")]
    [InlineData("a secret that mentions @Microsoft.KeyVault( later on")]
    public void AValue_IsItself(string value) => Assert.Equal(value, ConfiguredSecret.Of(value));

    [Theory]
    [InlineData(null, "Development", "dev")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-ngo.vault.azure.net/secrets/export-pseudonym-key)", "Development", "dev")]
    [InlineData("a-configured-secret", "Development", "a-configured-secret")]
    [InlineData("a-configured-secret", "Production", "a-configured-secret")]
    [InlineData(null, "Production", null)]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv-ngo.vault.azure.net/secrets/export-pseudonym-key)", "Production", null)]
    public void OrDevelopment_TheDevelopmentValueStandsInOnlyThere(string? value, string environment, string? expected) =>
        Assert.Equal(
            expected is null ? null : Encoding.UTF8.GetBytes(expected),
            ConfiguredSecret.OrDevelopment(value, new HostingEnvironment { EnvironmentName = environment }, "dev"));
}
