using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.NgoActions;

namespace NgoFunctions.App.NgoActions;

/// <summary>Timer trigger on <c>%Sla:SweepSchedule%</c> (every five minutes by default): expires
/// assignments not accepted in time and routes their requests on, and reminds NGOs of quiet cases.</summary>
public sealed class SweepAssignmentsFunction(AssignmentSweeper sweeper)
{
    /// <summary>Runs one sweep. A missed run needs no catching up: the next one finds everything due.</summary>
    [Function(nameof(SweepAssignments))]
    public Task SweepAssignments([TimerTrigger("%Sla:SweepSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
