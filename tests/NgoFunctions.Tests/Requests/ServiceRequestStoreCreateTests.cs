using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Requests;

/// <summary>Creating a request when the SDK's retry of the create transaction meets rows already in the
/// partition: its own (the first try committed, its answer was lost) count as stored; another
/// request's are a taken code, and nothing is written.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServiceRequestStoreCreateTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync() => _system = await TestSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task TryCreate_OwnRowsAlreadyCommitted_CountsAsStoredAndIndexed()
    {
        var store = _system.App.Services.GetRequiredService<ServiceRequestStore>();
        var request = NewRequest();
        await CommitFirstTryAsync(request);
        var retry = NewCopy(request);

        var stored = await store.TryCreateAsync(retry, RequestChanges.Submitted(retry, "citizen"), CancellationToken.None);

        Assert.True(stored);
        var indexed = _system.RequestIndex.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {request.PartitionKey}"));
        Assert.Equal(1, await indexed.CountAsync());
    }

    [Fact]
    public async Task TryCreate_CodeTakenByAnotherRequest_FalseAndTheOtherKept()
    {
        var store = _system.App.Services.GetRequiredService<ServiceRequestStore>();
        var other = NewRequest();
        await CommitFirstTryAsync(other);
        var mine = NewCopy(other);
        mine.RequestId = Guid.NewGuid();
        mine.Description = "طلب آخر بالرمز نفسه";

        var stored = await store.TryCreateAsync(mine, RequestChanges.Submitted(mine, "citizen"), CancellationToken.None);

        Assert.False(stored);
        var kept = await store.FindAsync(other.PartitionKey, CancellationToken.None);
        Assert.Equal(other.RequestId, kept!.RequestId);
        Assert.Equal(other.Description, kept.Description);
    }

    [Fact]
    public async Task RoutingMessageQueuedBeforeItsRequestIsStored_RoutedOnceTheRequestAppears()
    {
        // Intake queues first and stores second; here the store comes seconds late, as when storage
        // applies a write after intake has given up on it.
        await _system.PutNgoAsync("hama-food", ["food"], ["SY05"]);
        var request = NewRequest();
        var queues = _system.App.Services.GetRequiredService<QueueSender>();
        await queues.SendAsync(_system.Names.RequestsSubmittedQueue, new RequestSubmitted(request.RequestId, request.PartitionKey, QueuedAt: DateTimeOffset.UtcNow), CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.True(await _system.App.Services.GetRequiredService<ServiceRequestStore>()
            .TryCreateAsync(request, RequestChanges.Submitted(request, "citizen"), CancellationToken.None));

        await _system.WaitForStatusAsync(request.PartitionKey, nameof(RequestStatus.Routed), TimeSpan.FromSeconds(20));
    }

    // What a first try that committed leaves: the request and its Submitted event.
    private async Task CommitFirstTryAsync(ServiceRequestEntity request) =>
        await _system.Requests.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, request), new(TableTransactionActionType.Add, RequestChanges.Submitted(request, "citizen"))]);

    private static ServiceRequestEntity NewRequest()
    {
        var code = TrackingCode.New();
        return new ServiceRequestEntity
        {
            PartitionKey = code.Value,
            RowKey = Keys.RequestRow,
            RequestId = Guid.NewGuid(),
            Sector = "food",
            Governorate = "SY05",
            Description = "نحتاج إلى سلة غذائية لأسرة من خمسة",
            Urgency = nameof(Urgency.Normal),
            Channel = nameof(RequestChannel.Form),
            Consent = true,
            Status = nameof(RequestStatus.Submitted),
            SubmittedAt = DateTimeOffset.UtcNow,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }

    // The retry sends the same entity again; a copy, since the first try's object carries its ETag now.
    private static ServiceRequestEntity NewCopy(ServiceRequestEntity request) => new()
    {
        PartitionKey = request.PartitionKey,
        RowKey = request.RowKey,
        RequestId = request.RequestId,
        Sector = request.Sector,
        Governorate = request.Governorate,
        Description = request.Description,
        Urgency = request.Urgency,
        Channel = request.Channel,
        Consent = request.Consent,
        Status = request.Status,
        SubmittedAt = request.SubmittedAt,
        UpdatedAt = request.UpdatedAt,
    };
}
