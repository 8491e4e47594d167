using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>An exception escaping an HTTP function in the worker process is answered as problem+json by
/// the worker's pipeline: 500 with a trace id and nothing of the exception. The fault is real: a stored
/// row the function cannot read (a date property holding text, as a hand edit or another writer could
/// leave it). An outage's 503 is <see cref="StorageOutageTests"/>'.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class UnhandledExceptionTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Garbage = "not a date: secret detail";
    private readonly Texts _texts = new();
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("hama-food", ["food"], ["SY05"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Theory]
    [InlineData("ar")]
    [InlineData("en")]
    public async Task Status_StoredRowTheFunctionCannotRead_500ProblemWithTraceIdAndNoExceptionDetails(string language)
    {
        var submitted = await _system.Http.PostAsJsonAsync("requests", new { sector = "food", governorate = "SY05", description = "نحتاج إلى سلة غذائية لأسرة من خمسة", consent = true });
        var code = (await submitted.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();
        await _system.WaitForStatusAsync(code, "Routed", TimeSpan.FromSeconds(30));
        await _system.Requests.UpdateEntityAsync(
            new TableEntity(code.Replace("-", string.Empty), Keys.RequestRow) { [nameof(ServiceRequestEntity.SubmittedAt)] = Garbage }, Azure.ETag.All, TableUpdateMode.Merge);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"requests/{code}");
        request.Headers.AcceptLanguage.ParseAdd(language);

        var response = await _system.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(500, (int)problem["status"]!);
        Assert.Equal(_texts.Get("problem.unexpected", language == "en" ? Language.En : Language.Ar), problem["title"]!.ToString());
        Assert.False(string.IsNullOrWhiteSpace(problem["traceId"]?.ToString()));
        Assert.DoesNotContain(Garbage, text);
        Assert.DoesNotContain("Exception", text);
        Assert.False(response.Headers.Contains("Retry-After"));
    }
}
