using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NgoFunctions.Core.Health;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Storage;

/// <summary>The storage health check against a real Azurite and against nothing.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StorageHealthCheckTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AzuriteAnswers_Healthy()
    {
        var check = new StorageHealthCheck(new TableServiceClient(azurite.ConnectionString), new QueueServiceClient(azurite.ConnectionString));

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    [Fact]
    public async Task NothingListens_UnhealthyWithinTheTimeout()
    {
        var port = FreePort.Next();
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
        var check = new StorageHealthCheck(new TableServiceClient(connection), new QueueServiceClient(connection));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("127.0.0.1", result.Description);
    }
}
