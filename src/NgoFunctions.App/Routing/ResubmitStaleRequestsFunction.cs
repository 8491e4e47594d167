using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Routing;

namespace NgoFunctions.App.Routing;

/// <summary>Timer trigger on <c>%Routing:ResubmitSchedule%</c> (every 30 seconds by default): queues
/// again for routing every request still <c>Submitted</c> past <c>Routing:ResubmitAfterSeconds</c>.</summary>
public sealed class ResubmitStaleRequestsFunction(StaleRequestResubmitter resubmitter)
{
    /// <summary>Runs one sweep. A missed run needs no catching up: the next one finds everything due.</summary>
    [Function(nameof(ResubmitStaleRequests))]
    public Task ResubmitStaleRequests([TimerTrigger("%Routing:ResubmitSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        resubmitter.ResubmitAsync(cancellationToken);
}
