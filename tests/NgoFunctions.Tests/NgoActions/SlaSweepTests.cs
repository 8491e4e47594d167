using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.NgoActions;

/// <summary>The SLA sweep, with the clock moved by the test: unanswered assignments expire and the
/// request moves on; quiet accepted cases get one reminder per stale period.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SlaSweepTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private TestSystem _system = null!;
    private NgoDriver _driver = null!;
    private HttpClient _first = null!;

    public async Task InitializeAsync()
    {
        // Once a year: the tests run the sweep themselves, except the one that starts its own timer.
        _system = await StartAsync("0 0 0 1 1 *");
        _driver = new NgoDriver(_system, azurite);
        _first = await _driver.NgoAsync("homs-clinic", ["health"], ["SY0401"]);
        await _system.PutNgoAsync("homs-health", ["health"], ["SY04"]);
    }

    public async Task DisposeAsync()
    {
        _first.Dispose();
        await _system.DisposeAsync();
    }

    [Fact]
    public async Task Timer_AfterTheAcceptDeadline_AssignmentExpiresAndTheRequestGoesToTheNextNgo()
    {
        await using var system = await StartAsync("*/1 * * * * *");
        var driver = new NgoDriver(system, azurite);
        await system.PutNgoAsync("homs-clinic", ["health"], ["SY0401"]);
        await system.PutNgoAsync("homs-health", ["health"], ["SY04"]);
        var code = await driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await driver.RoutedToAsync(code, "homs-clinic");

        _clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        await driver.RoutedToAsync(code, "homs-health");
        var assignments = await driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix);
        Assert.Equal(["homs-clinic:Expired", "homs-health:Pending"], assignments.Select(a => $"{a.NgoId}:{a.State}"));
        var expired = Assert.Single(await driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix), e => e.Type == "Expired");
        Assert.Equal("system", expired.Actor);
        Assert.Equal("homs-clinic", expired.NgoId);
        var clinic = await driver.LoadAsync("homs-clinic");
        Assert.Equal(0, clinic.OpenCases);
        Assert.Equal(1, clinic.NotAccepted);
    }

    [Fact]
    public async Task Sweep_BeforeTheDeadline_NothingExpires()
    {
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await _driver.RoutedToAsync(code, "homs-clinic");

        _clock.Advance(TimeSpan.FromHours(23));
        var summary = await SweepAsync();

        Assert.Equal(0, summary.Expired);
        Assert.Equal("homs-clinic", (await _driver.RequestAsync(code)).AssignedNgoId);
        Assert.Equal("Pending", Assert.Single(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix)).State);
    }

    [Fact]
    public async Task Sweep_AcceptedCaseQuiet_OneReminderPerStalePeriodAndNoStatusChange()
    {
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await _driver.RoutedToAsync(code, "homs-clinic");
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_first, code, "accept")).StatusCode);

        _clock.Advance(TimeSpan.FromDays(6));
        await SweepAsync();
        var beforeStale = await RemindersAsync(code);
        _clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync();
        await SweepAsync();
        var afterOnePeriod = await RemindersAsync(code);
        _clock.Advance(TimeSpan.FromDays(7));
        await SweepAsync();
        var afterTwoPeriods = await RemindersAsync(code);

        Assert.Equal(0, beforeStale);
        Assert.Equal(1, afterOnePeriod);
        Assert.Equal(2, afterTwoPeriods);
        var request = await _driver.RequestAsync(code);
        Assert.Equal("Accepted", request.Status);
        Assert.Equal(_clock.GetUtcNow(), request.LastReminderAt);
        Assert.Equal(1, (await _driver.LoadAsync("homs-clinic")).OpenCases);
    }

    [Fact]
    public async Task Sweep_StartedCaseUpdatedRecently_NoReminder()
    {
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await _driver.RoutedToAsync(code, "homs-clinic");
        await NgoDriver.ActAsync(_first, code, "accept");
        _clock.Advance(TimeSpan.FromDays(5));
        await NgoDriver.ActAsync(_first, code, "start");

        _clock.Advance(TimeSpan.FromDays(5));
        var summary = await SweepAsync();

        Assert.Equal(0, summary.Reminded);
        Assert.Equal(0, await RemindersAsync(code));
        Assert.Equal("InProgress", (await _driver.RequestAsync(code)).Status);
    }

    [Fact]
    public async Task Sweep_ResolvedCase_NeitherExpiresNorReminds()
    {
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await _driver.RoutedToAsync(code, "homs-clinic");
        foreach (var action in new[] { "accept", "start", "resolve" })
        {
            Assert.Equal(HttpStatusCode.OK, (await NgoDriver.ActAsync(_first, code, action, NgoDriver.BodyFor(action))).StatusCode);
        }

        _clock.Advance(TimeSpan.FromDays(30));
        var summary = await SweepAsync();

        Assert.Equal(new SweepSummary(0, 0, 0, 0), summary);
        Assert.Equal("Resolved", (await _driver.RequestAsync(code)).Status);
    }

    [Fact]
    public async Task Sweep_DeclineCutShortAfterItsCommit_IsFinishedAtTheDeadline()
    {
        var code = await _driver.SubmitAsync(governorate: "SY04", district: "SY0401");
        await _driver.RoutedToAsync(code, "homs-clinic");

        // What a process that stopped right after committing a decline leaves behind: the assignment is
        // Declined and the request free, but nothing was queued and the place is still taken.
        var request = await _driver.RequestAsync(code);
        var assignment = Assert.Single(await _driver.RowsAsync<AssignmentEntity>(code, Keys.AssignmentPrefix));
        var store = _system.App.Services.GetRequiredService<ServiceRequestStore>();
        assignment.State = "Declined";
        request.AssignedNgoId = null;
        await store.CommitAsync(request, assignment, [], CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(25));
        var summary = await SweepAsync();

        Assert.Equal(1, summary.Repaired);
        await _driver.RoutedToAsync(code, "homs-health");
        var clinic = await _driver.LoadAsync("homs-clinic");
        Assert.Equal(0, clinic.OpenCases);
        Assert.Equal(1, clinic.NotAccepted);
    }

    private Task<TestSystem> StartAsync(string schedule) => TestSystem.StartAsync(
        azurite,
        new Dictionary<string, string?> { ["Sla:SweepSchedule"] = schedule },
        services => services.AddSingleton<TimeProvider>(_clock));

    private Task<SweepSummary> SweepAsync() =>
        _system.App.Services.GetRequiredService<AssignmentSweeper>().SweepAsync(CancellationToken.None);

    private async Task<int> RemindersAsync(string code) =>
        (await _driver.RowsAsync<RequestEventEntity>(code, Keys.EventPrefix)).Count(e => e.Type == AssignmentSweeper.ReminderEvent);
}
