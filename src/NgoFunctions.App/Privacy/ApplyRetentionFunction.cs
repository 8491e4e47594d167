using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.Privacy;

namespace NgoFunctions.App.Privacy;

/// <summary>Timer trigger on <c>%Retention:Schedule%</c> (daily at 02:00 UTC by default): erases personal
/// data past <c>Retention:PersonalDataDays</c> and deletes bot drafts abandoned for <c>Retention:DraftDays</c>.</summary>
public sealed class ApplyRetentionFunction(RetentionSweeper sweeper)
{
    /// <summary>Runs one sweep. A missed run needs no catching up: the next one finds everything due.</summary>
    [Function(nameof(ApplyRetention))]
    public Task ApplyRetention([TimerTrigger("%Retention:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        sweeper.SweepAsync(cancellationToken);
}
