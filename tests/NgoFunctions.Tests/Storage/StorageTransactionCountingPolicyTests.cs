using NgoFunctions.Core.Storage;

namespace NgoFunctions.Tests.Storage;

/// <summary>The operation names the storage-transaction counter splits its totals by.</summary>
[Trait("Category", "Unit")]
public sealed class StorageTransactionCountingPolicyTests
{
    [Theory]
    [InlineData(StorageService.Table, "GET", "/devstoreaccount1/NgoCases(PartitionKey='ngo-a',RowKey='load')", "GET NgoCases point")]
    [InlineData(StorageService.Table, "GET", "/NgoCases(PartitionKey='ngo-a',RowKey='load')", "GET NgoCases point")]
    [InlineData(StorageService.Table, "GET", "/devstoreaccount1/ServiceRequests()", "GET ServiceRequests query")]
    [InlineData(StorageService.Table, "POST", "/devstoreaccount1/$batch", "POST $batch")]
    [InlineData(StorageService.Table, "POST", "/devstoreaccount1/RequestIndex", "POST RequestIndex")]
    [InlineData(StorageService.Queue, "POST", "/devstoreaccount1/notifications/messages", "POST notifications")]
    [InlineData(StorageService.Queue, "DELETE", "/notifications/messages/0a1b", "DELETE notifications")]
    public void Operation_MethodAndResource(StorageService service, string method, string path, string expected) =>
        Assert.Equal(expected, StorageTransactionCountingPolicy.Operation(service, method, path));

    [Fact]
    public void Count_AddsToTheTotalAndTheSplit()
    {
        using var counter = new StorageTransactionCounter();

        counter.Count(StorageService.Table, "GET NgoCases point");
        counter.Count(StorageService.Table, "GET NgoCases point");
        counter.Count(StorageService.Queue, "POST notifications");

        Assert.Equal(2, counter.Table);
        Assert.Equal(1, counter.Queue);
        Assert.Equal(2, counter.Operation("table GET NgoCases point"));
        Assert.Equal(1, counter.Operations()["queue POST notifications"]);
    }
}
