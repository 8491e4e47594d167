using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Hosting;

/// <summary>The local demo's sample data (<c>./run.sh</c>): the sample NGOs and requests load, every
/// request is decided, and the ministry sees each outcome the dashboard shows.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DemoSeedTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SampleNgosAndRequests_GiveTheMinistryEveryOutcome()
    {
        await using var system = await TestSystem.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["LocalHost:SeedNgosFile"] = Path.Combine(RepositoryPaths.Root, "seed", "ngos.json"),
            ["LocalHost:SeedRequestsFile"] = Path.Combine(RepositoryPaths.Root, "seed", "requests.json"),
        });
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "seed", "requests.json")))!.AsArray();
        using var ministry = new HttpClient { BaseAddress = system.Http.BaseAddress };
        ministry.DefaultRequestHeaders.Add("X-Api-Key", TestSystem.MinistryKey);

        // The seeder plays the NGOs' and the citizens' part after routing: wait until the last answer is counted.
        string? Last(JsonNode? entry) => entry!["ngoActions"]?.AsArray().LastOrDefault()?.ToString();
        var (awaiting, confirmed, sentBack) = (
            expected.Count(e => Last(e)?.StartsWith("resolve", StringComparison.Ordinal) == true),
            expected.Count(e => Last(e) == "citizen:yes"),
            expected.Count(e => Last(e) == "citizen:no"));
        Assert.True(awaiting >= 1 && confirmed >= 1 && sentBack >= 1, "the sample has every closure answer");
        var stats = await Eventually.ReadsAsync(
            async () => (await ministry.GetFromJsonAsync<JsonObject>("ministry/stats"))!,
            s => s["closure"]!["confirmed"]!.GetValue<long>() == confirmed && s["closure"]!["disputed"]!.GetValue<long>() == sentBack
                && s["closure"]!["awaitingConfirmation"]!.GetValue<long>() == awaiting && s["byStatus"]!["Submitted"]!.GetValue<long>() == 0,
            TimeSpan.FromSeconds(60),
            "the sample flow settled");
        Assert.Equal(confirmed, stats["byStatus"]!["Closed"]!.GetValue<long>());
        Assert.Equal(1, stats["outcomes"]!["notSuccessful"]!["referred-elsewhere"]!.GetValue<long>());

        Assert.Equal(expected.Count, stats["total"]!.GetValue<long>());
        Assert.True(stats["byStatus"]!["Unroutable"]!.GetValue<long>() >= 3);
        Assert.True(stats["byStatus"]!["InProgress"]!.GetValue<long>() >= 1);
        Assert.True(stats["byStatus"]!["Accepted"]!.GetValue<long>() >= 1);
        var coverage = (await ministry.GetFromJsonAsync<JsonObject>("ministry/coverage"))!;
        Assert.Contains(coverage["cells"]!.AsArray(), c => c!["gap"]!.GetValue<bool>() && c["sector"]!.ToString() == "shelter" && c["governorate"]!.ToString() == "SY14");
        var ngos = (await ministry.GetFromJsonAsync<JsonObject>("ministry/ngos"))!["ngos"]!.AsArray();
        Assert.Equal(24, ngos.Count);
        Assert.Contains(ngos, n => n!["declineReasons"]!["out-of-capacity"]!.GetValue<int>() == 1);
    }
}
