using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>An exception escaping an HTTP function is answered as problem+json through LocalHost's
/// pipeline: 500 with a trace id and nothing of the exception, or 503 with Retry-After for an outage.
/// The intake's validator is replaced by one that throws what the test says.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UnhandledExceptionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Secret = "connection string with a secret inside";
    private readonly ThrowingValidator _validator = new();
    private readonly Texts _texts = new();
    private TestSystem _system = null!;

    public async Task InitializeAsync() =>
        _system = await TestSystem.StartAsync(azurite, services: s => s.AddSingleton<IValidator<SubmitServiceRequest>>(_validator));

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Submit_BugInTheFunction_500ProblemWithTraceIdAndNoExceptionDetails()
    {
        _validator.Throw = new InvalidOperationException(Secret);

        var response = await _system.Http.PostAsJsonAsync("requests", Submission());

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(500, (int)problem["status"]!);
        Assert.Equal(_texts.Get("problem.unexpected", Language.Ar), problem["title"]!.ToString());
        Assert.False(string.IsNullOrWhiteSpace(problem["traceId"]?.ToString()));
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain(nameof(InvalidOperationException), text);
        Assert.False(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Submit_StorageRefusesWith503_503ProblemWithRetryAfterInEnglish()
    {
        _validator.Throw = new RequestFailedException(503, Secret);
        using var request = new HttpRequestMessage(HttpMethod.Post, "requests") { Content = JsonContent.Create(Submission()) };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var response = await _system.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(_texts.Get("problem.unavailable", Language.En), problem["title"]!.ToString());
        Assert.False(string.IsNullOrWhiteSpace(problem["traceId"]?.ToString()));
        Assert.DoesNotContain(Secret, text);
    }

    private static object Submission() =>
        new { sector = "food", governorate = "SY05", description = "نحتاج إلى سلة غذائية لأسرة من خمسة", consent = true };

    private sealed class ThrowingValidator : AbstractValidator<SubmitServiceRequest>
    {
        public Exception Throw { get; set; } = new InvalidOperationException();

        public override Task<ValidationResult> ValidateAsync(ValidationContext<SubmitServiceRequest> context, CancellationToken cancellation = default) =>
            Task.FromException<ValidationResult>(Throw);
    }
}
