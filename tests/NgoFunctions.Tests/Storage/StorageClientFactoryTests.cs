using Microsoft.Extensions.Configuration;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Tests.Storage;

/// <summary>One code path, chosen by configuration: a connection string locally, identity-based
/// settings in Azure (the app settings infra/ writes).</summary>
[Trait("Category", "Unit")]
public sealed class StorageClientFactoryTests
{
    [Fact]
    public void ConnectionString_ClientsPointAtItsEndpoints()
    {
        var configuration = Configuration(new()
        {
            ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;",
        });

        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), StorageClientFactory.Tables(configuration).Uri);
        Assert.Equal(new Uri("http://127.0.0.1:41001/devstoreaccount1"), StorageClientFactory.Queues(configuration).Uri);
    }

    [Fact]
    public void IdentityBasedServiceUris_ClientsUseThem()
    {
        var configuration = Configuration(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://stngo.table.core.windows.net",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://stngo.queue.core.windows.net",
            ["AzureWebJobsStorage:credential"] = "managedidentity",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal("stngo", StorageClientFactory.Tables(configuration).AccountName);
        Assert.Equal(new Uri("https://stngo.queue.core.windows.net"), StorageClientFactory.Queues(configuration).Uri);
    }

    [Fact]
    public void IdentityBasedAccountName_PublicCloudEndpoints()
    {
        var configuration = Configuration(new() { ["AzureWebJobsStorage:accountName"] = "stngo" });

        Assert.Equal(new Uri("https://stngo.table.core.windows.net"), StorageClientFactory.Tables(configuration).Uri);
        Assert.Equal(new Uri("https://stngo.queue.core.windows.net"), StorageClientFactory.Queues(configuration).Uri);
    }

    [Fact]
    public void Nothing_ThrowsNamingTheSetting()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageClientFactory.Tables(Configuration(new())));

        Assert.Contains("AzureWebJobsStorage", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
