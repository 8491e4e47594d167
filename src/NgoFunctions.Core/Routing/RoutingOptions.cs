using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Routing;

/// <summary>Routing settings (configuration section <c>Routing</c>).</summary>
public sealed class RoutingOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Routing";

    /// <summary>How long the router keeps its in-memory copy of the NGO registry, in seconds.</summary>
    [Range(0, 3600)]
    public int DirectoryCacheSeconds { get; set; } = 30;

    /// <summary>How often a routing decision is taken again after losing a race for an NGO's last
    /// places (another router reserved them first) before the message is left to the queue's retry.</summary>
    [Range(1, 50)]
    public int ReservationAttempts { get; set; } = 8;

    /// <summary>How long the router trusts its in-memory copy of an NGO's load counter, in seconds
    /// (<see cref="NgoLoadCache"/>): within it a decision reads no counter it holds; after it the
    /// counter is read again. Reservations stay exact either way (if-match the counter's ETag); a
    /// longer time only lets the ranking by load lag changes made elsewhere. 0 turns the copy off.</summary>
    [Range(0, 300)]
    public int LoadCacheSeconds { get; set; } = 5;

    /// <summary>How long a request may stay <c>Submitted</c>, in seconds, before the stale-request sweep
    /// (<see cref="StaleRequestResubmitter"/>) queues it for routing again, and how long it waits before
    /// queueing it once more. Routing takes about a second; the bound covers a message lost between the
    /// request's write and its queueing, or held for ten minutes by an instance that died.</summary>
    [Range(10, 86400)]
    public int ResubmitAfterSeconds { get; set; } = 120;

    /// <summary>NCRONTAB schedule (six fields, with seconds) of the stale-request sweep; read by the timer
    /// trigger as <c>%Routing:ResubmitSchedule%</c>; every 30 seconds by default.</summary>
    [Required]
    [RegularExpression(@"^\S+( \S+){5}$", ErrorMessage = "Routing:ResubmitSchedule must be an NCRONTAB expression with six fields.")]
    public string ResubmitSchedule { get; set; } = "*/30 * * * * *";

    /// <summary>NCRONTAB schedule (six fields, with seconds) of the waitlist sweep (<see cref="WaitlistSweeper"/>:
    /// NGOs with room filled again from the waitlist, emergencies waitlisted past 24 hours flagged); read by the
    /// timer trigger as <c>%Routing:WaitlistSweepSchedule%</c>; every minute by default. A safety net: places
    /// are normally filled the moment they free.</summary>
    [Required]
    [RegularExpression(@"^\S+( \S+){5}$", ErrorMessage = "Routing:WaitlistSweepSchedule must be an NCRONTAB expression with six fields.")]
    public string WaitlistSweepSchedule { get; set; } = "0 * * * * *";

    /// <summary>How many submission days back the sweep looks, in days (its one query spans the RequestIndex
    /// day partitions from then to the bound). Older requests still <c>Submitted</c> are queued again by
    /// the index rebuild (<c>POST /api/ops/request-index/rebuild</c>).</summary>
    [Range(1, 60)]
    public int ResubmitLookbackDays { get; set; } = 3;

    /// <summary><see cref="ResubmitAfterSeconds"/> as a time span.</summary>
    public TimeSpan ResubmitAfter => TimeSpan.FromSeconds(ResubmitAfterSeconds);
}
