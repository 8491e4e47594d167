using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Closure;

/// <summary>How long a resolved request waits for the citizen's answer (configuration section
/// <c>Closure</c>; in Azure app settings <c>Closure__ConfirmAfterDays</c>, <c>Closure__SweepSchedule</c>).</summary>
public sealed class ClosureOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Closure";

    /// <summary>Days after the NGO resolved a request without an answer from the citizen before it is
    /// closed unconfirmed (<see cref="ClosureSweeper"/>); 14 by default.</summary>
    [Range(1, 365)]
    public int ConfirmAfterDays { get; set; } = 14;

    /// <summary>NCRONTAB schedule (six fields, with seconds) of the <c>CloseUnconfirmedRequests</c> timer, read
    /// by the trigger as <c>%Closure:SweepSchedule%</c>; hourly by default.</summary>
    [Required, RegularExpression(@"^\S+( \S+){5}$")]
    public string SweepSchedule { get; set; } = "0 0 * * * *";

    /// <summary><see cref="ConfirmAfterDays"/> as a time span.</summary>
    public TimeSpan ConfirmAfter => TimeSpan.FromDays(ConfirmAfterDays);
}
