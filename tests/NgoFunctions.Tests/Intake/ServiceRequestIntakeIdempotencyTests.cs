using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Intake;

/// <summary>Intake under an idempotency key (the tracking code a Telegram draft was given): the same
/// submission made twice, at once or after a try that stopped half-way, is one request, queued and
/// routed once, counted once.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServiceRequestIntakeIdempotencyTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private TestSystem _system = null!;

    public async Task InitializeAsync()
    {
        _system = await TestSystem.StartAsync(azurite);
        await _system.PutNgoAsync("aleppo-food", ["food"], ["SY02"]);
    }

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task SameKeySubmittedTwiceAtOnce_OneRequestQueuedAndRoutedOnce()
    {
        var intake = _system.App.Services.GetRequiredService<ServiceRequestIntake>();
        var counter = _system.App.Services.GetRequiredService<StorageTransactionCounter>();
        var enqueue = $"queue POST {_system.Names.RequestsSubmittedQueue}";
        var queuedBefore = counter.Operations().GetValueOrDefault(enqueue);
        var key = TrackingCode.New();

        var results = await Task.WhenAll(
            intake.SubmitAsync(Submission(940001), key, CancellationToken.None),
            intake.SubmitAsync(Submission(940001), key, CancellationToken.None));

        var accepted = results.Select(IntakeOutcomes.Accepted).ToList();
        Assert.All(accepted, a => Assert.Equal(key, a.TrackingCode));
        Assert.Single(accepted.Select(a => a.RequestId).Distinct());
        await _system.WaitForStatusAsync(key.Value, nameof(RequestStatus.Routed), TimeSpan.FromSeconds(10));
        await WaitUntilRequestsSubmittedEmptyAsync();

        // Each try queues before it stores; the repeat's message names a request id that was never stored
        // (its store lost to the first), and the router drops it: routed once, below.
        Assert.Equal(2, counter.Operations().GetValueOrDefault(enqueue) - queuedBefore);
        var rows = await PartitionAsync(key.Value);
        Assert.Single(rows, r => r.RowKey == Keys.RequestRow);
        Assert.Equal(["Submitted", "Routed"], rows.Where(r => r.RowKey.StartsWith(Keys.EventPrefix, StringComparison.Ordinal)).Select(r => r.GetString("Type")));
        Assert.Single(rows, r => r.RowKey.StartsWith(Keys.AssignmentPrefix, StringComparison.Ordinal));
        var load = await _system.NgoCases.GetEntityAsync<NgoLoadEntity>("aleppo-food", Keys.NgoLoadRow);
        Assert.Equal(1, load.Value.OpenCases);
        var stats = await _system.Http.GetFromJsonAsync<JsonObject>("ministry/stats");
        Assert.Equal(1, stats!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task StoredButNeverQueued_RepeatReturnsIt_TheStaleSweepRoutesIt()
    {
        // A try that stored the request and stopped before queueing it (the process died, or the
        // queue refused): the request sits Submitted with nothing on the queue.
        var intake = _system.App.Services.GetRequiredService<ServiceRequestIntake>();
        var store = _system.App.Services.GetRequiredService<ServiceRequestStore>();
        var key = TrackingCode.New();
        var submittedAt = DateTimeOffset.UtcNow.AddMinutes(-3);
        var stranded = new ServiceRequestEntity
        {
            PartitionKey = key.Value,
            RowKey = Keys.RequestRow,
            RequestId = Guid.NewGuid(),
            Sector = "food",
            Governorate = "SY02",
            Description = "We need a food basket for six people",
            Urgency = nameof(Urgency.Normal),
            Channel = nameof(RequestChannel.Telegram),
            Language = "en",
            ChannelAddress = "940002",
            Consent = true,
            Status = nameof(RequestStatus.Submitted),
            SubmittedAt = submittedAt,
            UpdatedAt = submittedAt,
        };
        Assert.True(await store.TryCreateAsync(stranded, RequestChanges.Submitted(stranded, "citizen"), CancellationToken.None));

        var result = await intake.SubmitAsync(Submission(940002), key, CancellationToken.None);

        var accepted = IntakeOutcomes.Accepted(result);
        Assert.Equal(stranded.RequestId, accepted.RequestId);
        // The repeat does not queue it (the first try may still be about to); the sweep does, once the
        // request has waited past the bound.
        Assert.Equal(1, (await _system.App.Services.GetRequiredService<StaleRequestResubmitter>().ResubmitAsync(CancellationToken.None)).Resubmitted);
        await _system.WaitForStatusAsync(key.Value, nameof(RequestStatus.Routed), TimeSpan.FromSeconds(10));
        Assert.Single(await PartitionAsync(key.Value), r => r.RowKey == Keys.RequestRow);
    }

    [Fact]
    public async Task KeyTakenByAnotherChat_NewCodeAndOwnRequest()
    {
        var intake = _system.App.Services.GetRequiredService<ServiceRequestIntake>();
        var key = TrackingCode.New();
        var first = IntakeOutcomes.Accepted(await intake.SubmitAsync(Submission(940003), key, CancellationToken.None));

        var other = IntakeOutcomes.Accepted(await intake.SubmitAsync(Submission(940004), key, CancellationToken.None));

        Assert.Equal(key, first.TrackingCode);
        Assert.NotEqual(key, other.TrackingCode);
        Assert.NotEqual(first.RequestId, other.RequestId);
        var stored = await _system.Requests.GetEntityAsync<ServiceRequestEntity>(other.TrackingCode.Value, Keys.RequestRow);
        Assert.Equal("940004", stored.Value.ChannelAddress);
    }

    private static SubmitServiceRequest Submission(long chatId) => new()
    {
        Sector = "food",
        Governorate = "SY02",
        Description = "We need a food basket for six people",
        Consent = true,
        Language = "en",
        Channel = RequestChannel.Telegram,
        ChannelAddress = Core.Telegram.TelegramAddress.Of(chatId),
    };

    private async Task<List<TableEntity>> PartitionAsync(string trackingCode)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _system.Requests.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {trackingCode}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    // The count includes messages being handled; one is deleted only once routing completed.
    private Task WaitUntilRequestsSubmittedEmptyAsync() => _system.RequestsSubmitted.UntilEmptyAsync(TimeSpan.FromSeconds(15));
}
