using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using NgoFunctions.Core.Webhooks;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Webhooks;

/// <summary>The webhook settings' checks: the signing key empty (the sample settings' value, which a
/// fresh ./run.sh starts with) or at least 32 characters.</summary>
[Trait("Category", "Unit")]
public sealed class WebhookOptionsTests
{
    [Fact]
    public void SampleSettings_Validate()
    {
        var sample = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!.AsObject();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(sample.Where(v => v.Key.StartsWith("Webhooks__", StringComparison.Ordinal))
                .Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value?.ToString())))
            .Build();
        var options = configuration.GetSection(WebhookOptions.SectionName).Get<WebhookOptions>()!;

        Assert.Equal(string.Empty, options.SigningKey ?? string.Empty);
        Assert.Empty(Errors(options));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    public void SigningKey_EmptyOrAtLeast32Characters(string? key, bool valid) =>
        Assert.Equal(valid, Errors(new WebhookOptions { SigningKey = key }).Count == 0);

    private static List<ValidationResult> Errors(WebhookOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
