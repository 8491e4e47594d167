using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Routing;

namespace NgoFunctions.App.Routing;

/// <summary>Timer trigger on <c>%Routing:WaitlistSweepSchedule%</c> (every minute by default): fills the free
/// places of every NGO from the waitlist again, should a fill have been lost, and flags emergencies
/// waitlisted past 24 hours for the ministry.</summary>
public sealed class SweepWaitlistFunction(WaitlistSweeper sweeper)
{
    /// <summary>Runs one sweep. A missed run needs no catching up: the next one finds everything due.</summary>
    [Function(nameof(SweepWaitlist))]
    public Task SweepWaitlist([TimerTrigger("%Routing:WaitlistSweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
