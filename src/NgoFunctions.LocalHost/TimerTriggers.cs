using System.Collections.Concurrent;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;
using NgoFunctions.LocalHost.Worker;
using NgoFunctions.App.Closure;
using NgoFunctions.App.NgoActions;
using NgoFunctions.App.Privacy;
using NgoFunctions.App.Routing;

namespace NgoFunctions.LocalHost;

/// <summary>The Functions app's timer-triggered functions, declared for the WebJobs SDK's timer
/// runtime (<c>Microsoft.Azure.WebJobs.Extensions</c>, the one the Functions host uses). Each method
/// only hands the tick to the <see cref="IFunctionDispatcher"/>, which runs the function in the worker.
/// Names and schedule expressions must equal the worker's function metadata; a test holds them equal.</summary>
public sealed class TimerTriggers(IFunctionDispatcher functions)
{
    /// <summary>See <see cref="SweepAssignmentsFunction.SweepAssignments"/>.</summary>
    [FunctionName(nameof(SweepAssignmentsFunction.SweepAssignments))]
    public Task SweepAssignments([TimerTrigger("%Sla:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        functions.RunTimerFunctionAsync(nameof(SweepAssignmentsFunction.SweepAssignments), timer.IsPastDue, cancellationToken);

    /// <summary>See <see cref="ResubmitStaleRequestsFunction.ResubmitStaleRequests"/>.</summary>
    [FunctionName(nameof(ResubmitStaleRequestsFunction.ResubmitStaleRequests))]
    public Task ResubmitStaleRequests([TimerTrigger("%Routing:ResubmitSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        functions.RunTimerFunctionAsync(nameof(ResubmitStaleRequestsFunction.ResubmitStaleRequests), timer.IsPastDue, cancellationToken);

    /// <summary>See <see cref="SweepWaitlistFunction.SweepWaitlist"/>.</summary>
    [FunctionName(nameof(SweepWaitlistFunction.SweepWaitlist))]
    public Task SweepWaitlist([TimerTrigger("%Routing:WaitlistSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        functions.RunTimerFunctionAsync(nameof(SweepWaitlistFunction.SweepWaitlist), timer.IsPastDue, cancellationToken);

    /// <summary>See <see cref="ApplyRetentionFunction.ApplyRetention"/>.</summary>
    [FunctionName(nameof(ApplyRetentionFunction.ApplyRetention))]
    public Task ApplyRetention([TimerTrigger("%Retention:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        functions.RunTimerFunctionAsync(nameof(ApplyRetentionFunction.ApplyRetention), timer.IsPastDue, cancellationToken);

    /// <summary>See <see cref="CloseUnconfirmedRequestsFunction.CloseUnconfirmedRequests"/>.</summary>
    [FunctionName(nameof(CloseUnconfirmedRequestsFunction.CloseUnconfirmedRequests))]
    public Task CloseUnconfirmedRequests([TimerTrigger("%Closure:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        functions.RunTimerFunctionAsync(nameof(CloseUnconfirmedRequestsFunction.CloseUnconfirmedRequests), timer.IsPastDue, cancellationToken);
}

/// <summary>Where the WebJobs timer runtime keeps each timer's last and next run: in memory. LocalHost
/// is one process, so it needs neither the blob-based monitor of the Functions host (which would bring
/// the legacy storage SDK and blob leases) nor catching up runs missed while it was stopped: the sweep
/// finds everything due whenever it runs.</summary>
public sealed class InMemoryScheduleMonitor : ScheduleMonitor
{
    private readonly ConcurrentDictionary<string, ScheduleStatus> _status = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override Task<ScheduleStatus> GetStatusAsync(string timerName) =>
        Task.FromResult(_status.TryGetValue(timerName, out var status) ? status : null!);

    /// <inheritdoc />
    public override Task UpdateStatusAsync(string timerName, ScheduleStatus status)
    {
        _status[timerName] = status;
        return Task.CompletedTask;
    }
}
