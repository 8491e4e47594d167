using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Webhooks;

namespace NgoFunctions.Tests.Webhooks;

/// <summary>Signing secrets are derived from the configured key and the registration, never stored.</summary>
[Trait("Category", "Unit")]
public sealed class WebhookSecretsTests
{
    private const string Key = "a-signing-key-of-at-least-thirty-two-characters";

    private static WebhookSecrets Secrets(string? key, string environment = "Production") =>
        new(Options.Create(new WebhookOptions { SigningKey = key }), new HostingEnvironment { EnvironmentName = environment });

    [Fact]
    public void For_SameNgoAndRegistration_SameSecret_OtherwiseAnother()
    {
        var secrets = Secrets(Key);

        var secret = secrets.For("deir-food", "reg-1");

        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal(secret, secrets.For("deir-food", "reg-1"));
        Assert.NotEqual(secret, secrets.For("deir-food", "reg-2"));
        Assert.NotEqual(secret, secrets.For("homs-food", "reg-1"));
        Assert.NotEqual(secret, Secrets(Key + "x").For("deir-food", "reg-1"));
    }

    [Fact]
    public void IsConfigured_WithoutKeyOnlyInDevelopment()
    {
        Assert.False(Secrets(null).IsConfigured);
        Assert.Throws<InvalidOperationException>(() => Secrets(null).For("deir-food", "reg-1"));
        Assert.True(Secrets(null, "Development").IsConfigured);
        // An unresolved Key Vault reference is long enough to pass validation, and known to whoever knows the vault.
        Assert.False(Secrets("@Microsoft.KeyVault(SecretUri=https://kv-ngo.vault.azure.net/secrets/webhook-signing-key)").IsConfigured);
    }

    [Fact]
    public void NewRegistrationId_RandomEachTime()
    {
        Assert.Matches("^[A-Za-z0-9_-]{22}$", WebhookSecrets.NewRegistrationId());
        Assert.NotEqual(WebhookSecrets.NewRegistrationId(), WebhookSecrets.NewRegistrationId());
    }
}
