using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Ministry.Exports;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The <c>request_ref</c> of <c>requests.csv</c>: HMAC-SHA256 of the canonical tracking code under
/// an HKDF-derived key of its own purpose, 32 lower-case hex digits; stable under one key, different under
/// another; no key outside Development, a fixed one in it; the key setting empty or at least 32 characters.</summary>
[Trait("Category", "Unit")]
public sealed class ExportPseudonymsTests
{
    private const string Key = "known-answer export pseudonym key, at least 32 chars";
    private const string Code = "ABCDE0FGHJ";

    private static ExportPseudonyms Pseudonyms(string? key, string environment = "Production") =>
        new(Options.Create(new MinistryExportOptions { PseudonymKey = key }), new HostingEnvironment { EnvironmentName = environment });

    [Fact]
    public void RefOf_IsTheKnownAnswer()
    {
        // Computed apart from the code under test: with Python's hmac (HKDF-SHA256 written out, no salt,
        // info "NgoFunctions export pseudonym v1", then HMAC-SHA256 of the code, first 16 bytes as hex)...
        const string expected = "93a4c4f87391f2f85c41ca3a40048e36";
        // ...and here with .NET's HKDF and HMACSHA256, not through KeyedPseudonym.
        var derived = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(Key), 32, salt: [], info: Encoding.UTF8.GetBytes("NgoFunctions export pseudonym v1"));
        var computed = Convert.ToHexStringLower(HMACSHA256.HashData(derived, Encoding.UTF8.GetBytes(Code))[..16]);

        Assert.Equal(expected, computed);
        Assert.Equal(expected, Pseudonyms(Key).RefOf(Code));
    }

    [Fact]
    public void RefOf_IsOfTheCanonicalCode_StableAndDistinct()
    {
        var pseudonyms = Pseudonyms(Key);
        var reference = pseudonyms.RefOf(Code);

        Assert.Matches("^[0-9a-f]{32}$", reference);
        Assert.Equal(reference, pseudonyms.RefOf(Code));
        Assert.Equal(reference, Pseudonyms(Key).RefOf(Code));
        // The display form, lower case and look-alikes are the same code.
        Assert.Equal(reference, pseudonyms.RefOf("ABCDE-0FGHJ"));
        Assert.Equal(reference, pseudonyms.RefOf("abcde-ofghj"));
        Assert.NotEqual(reference, pseudonyms.RefOf("ABCDE0FGHK"));
        Assert.DoesNotContain(Code, reference, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RefOf_UnderAnotherKey_IsAnother()
    {
        Assert.NotEqual(Pseudonyms(Key).RefOf(Code), Pseudonyms(Key + "x").RefOf(Code));
        // Not the bare HMAC of the secret either: the purpose separates it from every other use of a key.
        var underived = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.UTF8.GetBytes(Code))[..16]);
        Assert.NotEqual(underived, Pseudonyms(Key).RefOf(Code));
    }

    [Fact]
    public void WithoutKey_OnlyDevelopmentMakesRefs_WithItsOwnFixedKey()
    {
        foreach (var empty in new[] { null, string.Empty })
        {
            var production = Pseudonyms(empty);
            Assert.False(production.IsConfigured);
            Assert.Throws<InvalidOperationException>(() => production.RefOf(Code));
            Assert.False(Pseudonyms(empty, "Staging").IsConfigured);
        }

        // Azure passes an unresolved Key Vault reference as its own text, which anyone knowing the vault can write.
        Assert.False(Pseudonyms("@Microsoft.KeyVault(SecretUri=https://kv-example.vault.azure.net/secrets/export-pseudonym-key)").IsConfigured);

        var development = Pseudonyms(null, Environments.Development);
        Assert.True(development.IsConfigured);
        Assert.Equal("4e13e107baab63ae2d16baa37ab9cce1", development.RefOf(Code));
        Assert.Equal(development.RefOf(Code), Pseudonyms(string.Empty, Environments.Development).RefOf(Code));
        // A configured key wins in Development too.
        Assert.Equal(Pseudonyms(Key).RefOf(Code), Pseudonyms(Key, Environments.Development).RefOf(Code));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    public void PseudonymKey_EmptyOrAtLeast32Characters(string? key, bool valid)
    {
        var options = new MinistryExportOptions { PseudonymKey = key };
        var results = new List<ValidationResult>();

        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal(valid, results.Count == 0);
        Assert.All(results, r => Assert.Contains("Ministry:Exports:PseudonymKey", r.ErrorMessage, StringComparison.Ordinal));
    }

    [Fact]
    public void ShortKey_StopsTheHostAtStart()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Ministry:Exports:PseudonymKey"] = "too short" });
        builder.Services.AddMinistry();
        using var host = builder.Build();

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Ministry:Exports:PseudonymKey", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void SampleSettings_HaveAnEmptyKey_AndValidate()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Where(v => v.Key.StartsWith("Ministry__Exports__", StringComparison.Ordinal))
                .Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value?.ToString())))
            .Build();

        Assert.True(values.ContainsKey("Ministry__Exports__PseudonymKey"));
        var options = configuration.GetSection(MinistryExportOptions.SectionName).Get<MinistryExportOptions>()!;
        Assert.Equal(string.Empty, options.PseudonymKey ?? string.Empty);
        var results = new List<ValidationResult>();
        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
    }
}
