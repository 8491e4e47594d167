using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Closure;

namespace NgoFunctions.App.Closure;

/// <summary>Timer trigger on <c>%Closure:SweepSchedule%</c> (hourly by default): closes, unconfirmed, the
/// requests resolved more than <c>Closure:ConfirmAfterDays</c> ago whose citizen never answered.</summary>
public sealed class CloseUnconfirmedRequestsFunction(ClosureSweeper sweeper)
{
    /// <summary>Runs one sweep. A missed run needs no catching up: the next one finds everything due.</summary>
    [Function(nameof(CloseUnconfirmedRequests))]
    public Task CloseUnconfirmedRequests([TimerTrigger("%Closure:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
