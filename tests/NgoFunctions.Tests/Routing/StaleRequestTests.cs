using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;
using NgoFunctions.Tests.NgoActions;

namespace NgoFunctions.Tests.Routing;

/// <summary>No request stays <c>Submitted</c>: a request whose queue message was lost, or is held invisible
/// by an instance that died, is queued again by the stale-request sweep once
/// <c>Routing:ResubmitAfterSeconds</c> passed (on the injected clock), routed once, and a place reserved by
/// a routing that died before committing is the one it takes. Against Azurite, through LocalHost's real
/// queue runtime.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class StaleRequestTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;

    // A queue no trigger listens to: intake's message for the router lands here instead, so the test
    // decides what happens to it (lost, or held by a dead instance).
    private QueueClient _held = null!;

    public async Task InitializeAsync()
    {
        // Once a year: the tests run the sweeps themselves, except the one that starts the timer.
        _system = await StartAsync("0 0 0 1 1 *");
        _driver = new NgoDriver(_system, azurite);
        _held = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 })
            .GetQueueClient("held-" + Guid.NewGuid().ToString("N")[..16]);
        await _held.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _held.DeleteIfExistsAsync();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Timer_RequestWhoseMessageIsLost_RoutedAfterTheBound()
    {
        await using var system = await StartAsync("*/1 * * * * *");
        var driver = new NgoDriver(system, azurite);
        await system.PutNgoAsync("homs-clinic", ["health"], ["SY0401"]);

        // The request is stored, its message gone where no router reads it (a lost message): it stays
        // Submitted until the sweep's timer queues it again.
        var lost = new QueueClient(azurite.ConnectionString, "lost-" + Guid.NewGuid().ToString("N")[..16]);
        await lost.CreateAsync();
        var code = TrackingCode.New();
        await Intake(system, lost.Name).SubmitAsync(Submission(), code, CancellationToken.None);
        Assert.Equal(nameof(RequestStatus.Submitted), (await driver.RequestAsync(code.Value)).Status);

        // Two timer runs before the bound (each reads the markers once: its query on the index table) leave
        // it alone.
        var counter = system.App.Services.GetRequiredService<StorageTransactionCounter>();
        var markerQueries = $"table GET {system.Names.RequestIndexTable} query";
        var before = counter.Operation(markerQueries);
        _clock.Advance(Bound - TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => counter.Operation(markerQueries) >= before + 2, Within, "two sweeps before the bound");
        Assert.Equal(nameof(RequestStatus.Submitted), (await driver.RequestAsync(code.Value)).Status);

        _clock.Advance(TimeSpan.FromSeconds(11));
        await driver.RoutedToAsync(code.Value, "homs-clinic");
        Assert.Empty(await MarkersAsync(system));
    }

    [Fact]
    public async Task QueueRefusesTheMessage_RequestStoredWithItsMarker_TheSweepRoutesIt()
    {
        // Intake queues and stores side by side: when the queue refuses (here: it is not there) and the
        // store succeeds, the request is accepted with its routing marker, and the sweep queues it.
        await _system.PutNgoAsync("homs-clinic", ["health"], ["SY0401"]);
        var code = TrackingCode.New();

        var result = await Intake(_system, "missing-" + Guid.NewGuid().ToString("N")[..16]).SubmitAsync(Submission(), code, CancellationToken.None);

        IntakeOutcomes.Accepted(result);
        Assert.Single(await MarkersAsync(_system));
        _clock.Advance(Bound + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await ResubmitAsync()).Resubmitted);
        await _driver.RoutedToAsync(code.Value, "homs-clinic");
    }

    [Fact]
    public async Task Sweep_MessageHeldByADeadInstance_RoutedOnceAndTheReappearingMessageChangesNothing()
    {
        await _system.PutNgoAsync("homs-clinic", ["health"], ["SY0401"]);
        var code = (await SubmitHeldAsync()).Value;
        // The instance that received it died: the message stays invisible for ten minutes.
        var held = (await _held.ReceiveMessageAsync(TimeSpan.FromMinutes(10))).Value;
        Assert.NotNull(held);

        _clock.Advance(Bound + TimeSpan.FromSeconds(1));
        var summary = await ResubmitAsync();
        Assert.Equal(1, summary.Resubmitted);
        await _driver.RoutedToAsync(code, "homs-clinic");
        Assert.Empty(await MarkersAsync(_system));
        Assert.Equal(0, (await ResubmitAsync()).Found);

        // Ten minutes on, the old message is delivered: the router sees the request routed and ignores it.
        var before = await _driver.RequestAsync(code);
        await _system.RequestsSubmitted.SendMessageAsync(held.Body.ToString());
        await UntilConsumedAsync();
        var after = await _driver.RequestAsync(code);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Single(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        Assert.Equal(2, (await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Count);
        var open = await _driver.CaseRowsAsync("homs-clinic", Keys.NgoCasePrefix);
        Assert.Equal(open.Count, (await _driver.LoadAsync("homs-clinic")).OpenCases);
        Assert.Single(open);
    }

    [Fact]
    public async Task Resubmitted_PlaceReservedByARoutingThatDiedBeforeCommitting_RoutedToThatPlaceAndNoneLeftTaken()
    {
        await _system.PutNgoAsync("homs-clinic", ["health"], ["SY0401"]);
        await _system.PutNgoAsync("homs-care", ["health"], ["SY0401"]);
        var code = (await SubmitHeldAsync()).Value;

        // A routing reserved a place at homs-care (counter + case row, one transaction) and died before
        // committing the request. Deciding afresh now would pick homs-clinic (lower load).
        var store = _system.App.Services.GetRequiredService<NgoCaseStore>();
        var loads = await store.GetLoadsAsync(["homs-care"], CancellationToken.None);
        var reserved = await store.TryReserveAsync(loads["homs-care"], 10, CaseRow("homs-care", code, await _driver.RequestAsync(code)), CancellationToken.None);
        Assert.Equal(ReservationOutcome.Reserved, reserved.Outcome);

        _clock.Advance(Bound + TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await ResubmitAsync()).Resubmitted);

        await _driver.RoutedToAsync(code, "homs-care");
        var assignment = Assert.Single(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        Assert.Equal("homs-care", assignment.NgoId);
        Assert.Equal(1, (await _driver.LoadAsync("homs-care")).OpenCases);
        Assert.Single(await _driver.CaseRowsAsync("homs-care", Keys.NgoCasePrefix));
        Assert.Equal(0, (await _driver.LoadAsync("homs-clinic")).OpenCases);
        Assert.Empty(await _driver.CaseRowsAsync("homs-clinic", Keys.NgoCasePrefix));
    }

    [Fact]
    public async Task Sweep_NothingStale_OneQueryAndNothingQueued()
    {
        await _system.PutNgoAsync("homs-clinic", ["health"], ["SY0401"]);
        var routed = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await _driver.RoutedToAsync(routed, "homs-clinic");
        var unroutable = await _driver.SubmitAsync(sector: "shelter", governorate: "SY14");
        await _driver.WaitForAsync(unroutable, s => s["status"]?.ToString() == "Unroutable", "Unroutable");
        var young = (await SubmitHeldAsync()).Value;
        Assert.Equal([young], (await MarkersAsync(_system)).Select(m => m.TrackingCode));

        _clock.Advance(Bound - TimeSpan.FromSeconds(1));
        var counter = _system.App.Services.GetRequiredService<StorageTransactionCounter>();
        var (tables, queues) = (counter.Table, counter.Queue);
        var summary = await ResubmitAsync();

        Assert.Equal(new ResubmitSummary(0, 0, 0), summary);
        Assert.Equal(1, counter.Table - tables);
        Assert.Equal(0, counter.Queue - queues);
        Assert.Equal(nameof(RequestStatus.Submitted), (await _driver.RequestAsync(young)).Status);
    }

    [Fact]
    public async Task Cancel_SubmittedRequest_ItsMarkerGoesWithIt()
    {
        var code = (await SubmitHeldAsync()).Value;
        Assert.Single(await MarkersAsync(_system));

        var outcome = await _system.App.Services.GetRequiredService<RequestCancellation>().CancelAsync(code, CancellationToken.None);

        Assert.Equal(CancellationOutcome.Cancelled, outcome);
        Assert.Equal(nameof(RequestStatus.Cancelled), (await _driver.RequestAsync(code)).Status);
        Assert.Empty(await MarkersAsync(_system));
        _clock.Advance(Bound + TimeSpan.FromSeconds(1));
        Assert.Equal(0, (await ResubmitAsync()).Found);
    }

    [Fact]
    public async Task Sweep_QueuedAgainOnce_NotAgainUntilAnotherBoundPassed()
    {
        var code = (await SubmitHeldAsync()).Value;
        // This sweep queues on the held queue too, so no router takes the request out of Submitted.
        var names = _system.App.Services.GetRequiredService<IOptions<QueueOptions>>().Value;
        var sweeper = ActivatorUtilities.CreateInstance<StaleRequestResubmitter>(
            _system.App.Services, Options.Create(new QueueOptions { RequestsSubmitted = _held.Name, Notifications = names.Notifications, TelegramUpdates = names.TelegramUpdates }));

        _clock.Advance(Bound + TimeSpan.FromSeconds(1));
        Assert.Equal(new ResubmitSummary(1, 1, 0), await sweeper.ResubmitAsync(CancellationToken.None));
        var queuedAt = _clock.GetUtcNow();
        _clock.Advance(Bound - TimeSpan.FromSeconds(1));
        Assert.Equal(new ResubmitSummary(1, 0, 0), await sweeper.ResubmitAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(new ResubmitSummary(1, 1, 0), await sweeper.ResubmitAsync(CancellationToken.None));

        var marker = Assert.Single(await MarkersAsync(_system));
        Assert.Equal(code, marker.TrackingCode);
        Assert.Equal(2, marker.Resubmissions);
        Assert.True(marker.ResubmittedAt > queuedAt);
        // Intake's message and the two resubmissions, the latter marked as such for the router.
        var bodies = (await _held.ReceiveMessagesAsync(10)).Value.Select(m => m.Body.ToString()).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.Equal(2, bodies.Count(b => b.Contains("\"resubmitted\":true", StringComparison.Ordinal)));
    }

    private Task<TestSystem> StartAsync(string schedule) => TestSystem.StartAsync(
        azurite,
        new Dictionary<string, string?>
        {
            ["Sla:SweepSchedule"] = "0 0 0 1 1 *",
            ["Routing:ResubmitSchedule"] = schedule,
            ["Routing:ResubmitAfterSeconds"] = ((int)Bound.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        services => services.AddSingleton<TimeProvider>(_clock));

    // The real intake service of the system, sending its routing message to `queue`.
    private static ServiceRequestIntake Intake(TestSystem system, string queue)
    {
        var names = system.App.Services.GetRequiredService<IOptions<QueueOptions>>().Value;
        var redirected = Options.Create(new QueueOptions { RequestsSubmitted = queue, Notifications = names.Notifications, TelegramUpdates = names.TelegramUpdates });
        return ActivatorUtilities.CreateInstance<ServiceRequestIntake>(system.App.Services, redirected);
    }

    // Submits a health request in Homs whose routing message goes to the held queue.
    private async Task<TrackingCode> SubmitHeldAsync()
    {
        var code = TrackingCode.New();
        var result = await Intake(_system, _held.Name).SubmitAsync(Submission(), code, CancellationToken.None);
        IntakeOutcomes.Accepted(result);
        return code;
    }

    private static SubmitServiceRequest Submission() => new()
    {
        Sector = "health",
        Governorate = "SY04",
        District = "SY0401",
        Description = "أحتاج إلى دواء للسكري لوالدتي المسنة",
        Consent = true,
        Language = "ar",
        Channel = RequestChannel.Form,
    };

    private Task<ResubmitSummary> ResubmitAsync() =>
        _system.App.Services.GetRequiredService<StaleRequestResubmitter>().ResubmitAsync(CancellationToken.None);

    private static async Task<List<RoutingMarkerEntity>> MarkersAsync(TestSystem system)
    {
        var markers = new List<RoutingMarkerEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey ge {Keys.RoutingMarkerPrefix} and RowKey lt {Keys.RoutingMarkersEnd}");
        await foreach (var marker in system.RequestIndex.QueryAsync<RoutingMarkerEntity>(filter))
        {
            markers.Add(marker);
        }

        return markers;
    }

    // Waits until the router took every message off its queue (it deletes one once handled).
    private Task UntilConsumedAsync() => _system.RequestsSubmitted.UntilEmptyAsync(Within);

    // The case row the router writes when it reserves a place (PlaceReservation.CaseRow).
    private NgoCaseEntity CaseRow(string ngoId, string code, ServiceRequestEntity request) => new()
    {
        PartitionKey = ngoId,
        RowKey = Keys.NgoCaseRow(code),
        RequestId = request.RequestId,
        TrackingCode = code,
        Attempt = request.AssignmentCount + 1,
        Sector = request.Sector,
        Urgency = request.Urgency,
        Governorate = request.Governorate,
        District = request.District,
        SubDistrict = request.SubDistrict,
        AssignedAt = _clock.GetUtcNow(),
    };
}
