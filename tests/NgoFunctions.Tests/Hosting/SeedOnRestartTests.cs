using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NgoFunctions.LocalHost;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Hosting;

/// <summary>A local store kept across restarts (<c>./run.sh</c> without <c>--fresh</c>): a second start
/// on the same tables adds no sample requests and leaves registered NGOs as the registry API left them,
/// while a seed NGO not registered yet is added.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SeedOnRestartTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("seed-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SecondStartOnKeptData_NoMoreSampleRequests_ChangedNgoKept_NewSeedNgoAdded()
    {
        var ngos = Path.Combine(_folder, "ngos.json");
        var requests = Path.Combine(_folder, "requests.json");
        await File.WriteAllTextAsync(ngos, $"[{Ngo("hama-bread", 10)}]");
        await File.WriteAllTextAsync(requests, """
            [{ "sector": "food", "governorate": "SY05", "description": "نحتاج إلى سلة غذائية لأسرة من خمسة" },
             { "sector": "food", "governorate": "SY05", "description": "نحتاج إلى حليب أطفال لطفلين" }]
            """);
        var seeds = new Dictionary<string, string?> { ["LocalHost:SeedNgosFile"] = ngos, ["LocalHost:SeedRequestsFile"] = requests };

        TestNames names;
        await using (var first = await TestSystem.StartAsync(azurite, seeds))
        {
            names = first.Names;
            await SeededAsync(first);
            Assert.Equal(2, await CountRequestsAsync(first.Requests));
            await first.PutNgoAsync("hama-bread", ["food"], ["SY05"], capacity: 99);
        }

        // The second start: the first one's tables and queues, and a seed file that grew by one NGO.
        await File.WriteAllTextAsync(ngos, $"[{Ngo("hama-bread", 10)}, {Ngo("hama-kitchen", 5)}]");
        var again = names.Settings(azurite.ConnectionString);
        foreach (var (key, value) in seeds)
        {
            again[key] = value;
        }

        await using var second = await TestSystem.StartAsync(azurite, again);
        await SeededAsync(second);
        // second.Requests names a table of its own; the app reads and writes the first one's.
        Assert.Equal(2, await CountRequestsAsync(new TableServiceClient(azurite.ConnectionString).GetTableClient(names.RequestsTable)));
        Assert.Equal(99, (await second.Http.GetFromJsonAsync<JsonObject>("registry/ngos/hama-bread"))!["capacity"]!.GetValue<int>());
        Assert.Equal(5, (await second.Http.GetFromJsonAsync<JsonObject>("registry/ngos/hama-kitchen"))!["capacity"]!.GetValue<int>());
    }

    private static string Ngo(string id, int capacity) =>
        $$"""{ "id": "{{id}}", "name": { "ar": "منظمة {{id}}", "en": "NGO {{id}}" }, "sectors": ["food"], "coverage": ["SY05"], "capacity": {{capacity}}, "active": true }""";

    // The NGO seeder runs before the host answers; the request seeder once it has started: its task
    // ends when it has submitted (and, here, had nothing to play) or decided to add nothing.
    private static async Task SeededAsync(TestSystem system)
    {
        var seeder = system.App.Services.GetServices<IHostedService>().OfType<DemoRequestSeeder>().Single();
        await seeder.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static async Task<int> CountRequestsAsync(TableClient requests)
    {
        var count = 0;
        await foreach (var _ in requests.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"request"}"), select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
