using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary>Storage that stops answering (Azurite paused with SIGSTOP: connections are accepted, nothing
/// answers) gets 503 problem+json with Retry-After within 10 s from the intake and the status page,
/// and the same submission succeeds once storage is back. Azurite is this class's own, so pausing it
/// leaves the other tests alone; the class still runs in the storage collection, one class at a time,
/// to keep the other end-to-end tests' timings off a crowded machine.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StorageOutageTests(DedicatedAzurite azurite) : IClassFixture<DedicatedAzurite>, IAsyncLifetime
{
    private static readonly TimeSpan AnsweredWithin = TimeSpan.FromSeconds(10);
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("hama-food", ["food"], ["SY05"]);
    }

    public async Task DisposeAsync()
    {
        await azurite.ResumeAsync();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task PausedStorage_SubmitAndStatus_503WithRetryAfterWithinTenSeconds_SubmitSucceedsAfterResume()
    {
        var before = await _system.Http.PostAsJsonAsync("requests", Submission());
        Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        var code = (await before.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();

        await azurite.PauseAsync();
        try
        {
            var submitProblem = await AssertUnavailableAsync(() => _system.Http.PostAsJsonAsync("requests", Submission()));
            Assert.Equal(new Texts().Get("problem.unavailable", Language.Ar), submitProblem["title"]!.ToString());
            // In English when asked: the status page is read by partners too.
            using var status = new HttpRequestMessage(HttpMethod.Get, $"requests/{code}");
            status.Headers.AcceptLanguage.ParseAdd("en");
            var problem = await AssertUnavailableAsync(() => _system.Http.SendAsync(status));
            Assert.Equal(new Texts().Get("problem.unavailable", Language.En), problem["title"]!.ToString());
        }
        finally
        {
            await azurite.ResumeAsync();
        }

        var after = await _system.Http.PostAsJsonAsync("requests", Submission());
        Assert.Equal(HttpStatusCode.Accepted, after.StatusCode);
        var again = (await after.Content.ReadFromJsonAsync<JsonObject>())!["trackingCode"]!.ToString();
        await _system.WaitForStatusAsync(again, "Routed", TimeSpan.FromSeconds(30));
        await _system.WaitForStatusAsync(code, "Routed", TimeSpan.FromSeconds(30));

        // Whatever storage applied after intake answered 503 has its routing message too: no request
        // stays Submitted unseen.
        await Eventually.HoldsAsync(async () =>
        {
            var stored = await _system.Requests.QueryAsync<ServiceRequestEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"RowKey eq {Keys.RequestRow}")).ToListAsync();
            return stored.All(r => r.Status != "Submitted");
        }, TimeSpan.FromSeconds(30), "every stored request routed");
    }

    // Asserts a 503 problem+json within the bound, with Retry-After, a trace id and no storage error text;
    // returns the problem.
    private static async Task<JsonObject> AssertUnavailableAsync(Func<Task<HttpResponseMessage>> call)
    {
        var clock = Stopwatch.StartNew();
        var response = await call();
        clock.Stop();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(clock.Elapsed < AnsweredWithin, $"answered after {clock.Elapsed.TotalSeconds:F1} s");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonNode.Parse(text)!.AsObject();
        Assert.Equal(503, (int)problem["status"]!);
        Assert.False(string.IsNullOrWhiteSpace(problem["traceId"]?.ToString()));
        Assert.DoesNotContain("Exception", text);
        // Seen in the test's output, for the figures in the docs.
        Console.WriteLine($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.AbsolutePath}: 503 after {clock.Elapsed.TotalSeconds:F1} s");
        return problem;
    }

    private static object Submission() =>
        new { sector = "food", governorate = "SY05", description = "نحتاج إلى سلة غذائية لأسرة من خمسة", consent = true };
}
