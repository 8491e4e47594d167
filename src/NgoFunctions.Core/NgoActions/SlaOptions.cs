using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.NgoActions;

/// <summary>How long an NGO may leave an assignment or a case alone, and how often the request is
/// handed on (configuration section <c>Sla</c>; in Azure app settings <c>Sla__AcceptDeadlineHours</c> ...).</summary>
public sealed class SlaOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sla";

    /// <summary>NCRONTAB schedule (six fields, with seconds) of the <c>SweepAssignments</c> timer, read by the
    /// trigger as <c>%Sla:SweepSchedule%</c>; every five minutes by default.</summary>
    [Required, RegularExpression(@"^\S+( \S+){5}$")]
    public string SweepSchedule { get; set; } = "0 */5 * * * *";

    /// <summary>Hours an NGO has to accept or decline an assignment before it expires and the request
    /// goes to the next candidate.</summary>
    [Range(1, 24 * 30)]
    public int AcceptDeadlineHours { get; set; } = 24;

    /// <summary>Days an accepted or in-progress request may go without an update before the NGO is
    /// reminded; at most one reminder per such period.</summary>
    [Range(1, 365)]
    public int StaleAfterDays { get; set; } = 7;

    /// <summary>Assignments a request gets at most: once that many NGOs declined it or let it expire,
    /// it becomes Unroutable and is escalated to the ministry.</summary>
    [Range(1, 20)]
    public int MaxAssignments { get; set; } = 3;

    /// <summary><see cref="AcceptDeadlineHours"/> as a time span.</summary>
    public TimeSpan AcceptDeadline => TimeSpan.FromHours(AcceptDeadlineHours);

    /// <summary><see cref="StaleAfterDays"/> as a time span.</summary>
    public TimeSpan StalePeriod => TimeSpan.FromDays(StaleAfterDays);
}
