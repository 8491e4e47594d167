using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NgoFunctions.Core;
using NgoFunctions.Core.Security;
using NgoFunctions.LocalHost;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Security;

/// <summary>The sample keys the README publishes open a local run only: outside the Development
/// environment a host configured with their hashes does not start, and says why.</summary>
[Trait("Category", "Unit")]
public sealed class SecurityOptionsValidatorTests
{
    private static readonly string SampleAdminHash = ApiKeyVerifier.Hash("local-admin-key");
    private static readonly string SampleMinistryHash = ApiKeyVerifier.Hash("local-ministry-key");

    [Fact]
    public void StartupValidation_SampleAdminHashInProduction_FailsNamingSettingEnvironmentAndRemedy()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ValidateOnStart("Production", SampleAdminHash, ApiKeyVerifier.Hash("own-ministry-key")));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("Security:AdminApiKeySha256", failure);
        Assert.Contains("'local-admin-key'", failure);
        Assert.Contains("'Production'", failure);
        Assert.Contains("openssl rand -base64 32", failure);
        Assert.Contains("sha256sum", failure);
    }

    [Fact]
    public void StartupValidation_SampleMinistryHashUpperCaseInStaging_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ValidateOnStart("Staging", ApiKeyVerifier.Hash("own-admin-key"), SampleMinistryHash.ToUpperInvariant()));

        Assert.Contains("Security:MinistryApiKeySha256", Assert.Single(error.Failures));
    }

    [Fact]
    public void StartupValidation_BothSampleHashesInProduction_NamesBoth()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ValidateOnStart("Production", SampleAdminHash, SampleMinistryHash));

        Assert.Equal(2, error.Failures.Count());
    }

    [Fact]
    public void StartupValidation_SampleHashesInDevelopment_Pass()
    {
        ValidateOnStart("Development", SampleAdminHash, SampleMinistryHash);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public void StartupValidation_OwnHashesOrNone_Pass(string environment)
    {
        ValidateOnStart(environment, ApiKeyVerifier.Hash("own-admin-key"), ApiKeyVerifier.Hash("own-ministry-key"));
        ValidateOnStart(environment, null, null);
    }

    [Fact]
    public async Task LocalHost_SampleAdminHashInProduction_DoesNotStart()
    {
        await using var app = LocalHostApp.Build(["--environment", "Production"], config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Security:AdminApiKeySha256"] = SampleAdminHash,
        }));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("Security:AdminApiKeySha256", Assert.Single(error.Failures));
    }

    [Fact]
    public void SampleSettings_RunAsDevelopment_WithTheSampleHashesTheValidatorKnows()
    {
        var values = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "local.settings.sample.json")))!["Values"]!;

        Assert.Equal("Development", values["AZURE_FUNCTIONS_ENVIRONMENT"]?.ToString());
        Assert.Equal("local-admin-key", SecurityOptionsValidator.SampleKeysByHash[values["Security__AdminApiKeySha256"]!.ToString()]);
        Assert.Equal("local-ministry-key", SecurityOptionsValidator.SampleKeysByHash[values["Security__MinistryApiKeySha256"]!.ToString()]);
    }

    // The application's registrations in a host of the given environment; runs what ValidateOnStart runs.
    private static void ValidateOnStart(string environment, string? adminHash, string? ministryHash)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Security:AdminApiKeySha256"] = adminHash,
            ["Security:MinistryApiKeySha256"] = ministryHash,
        });
        builder.Services.AddNgoFunctions(builder.Configuration);
        using var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }
}
