using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Delivery;

/// <summary>How messages that could not be delivered because a dependency (the Bot API) is down are
/// tried again (section <c>Delivery</c>). Such a message goes back on its queue with a delay that grows
/// with how long it has been failing (<see cref="RedeliverySchedule"/>), so an outage delays it and never
/// poisons it; only after <see cref="GiveUpAfterHours"/> of failures does it reach the poison queue.</summary>
public sealed class DeliveryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Delivery";

    /// <summary>Shortest delay before the next try, in seconds (the first retry after a failure).</summary>
    [Range(1, 3600)]
    public int MinDelaySeconds { get; set; } = 5;

    /// <summary>Longest delay between two tries, in minutes.</summary>
    [Range(1, 24 * 60)]
    public int MaxDelayMinutes { get; set; } = 30;

    /// <summary>The next try waits this share of how long the message has been failing (0.25: a message
    /// failing for 8 minutes is tried again 2 minutes later), so a short outage is caught up within a
    /// quarter of its length after it ends, and a long one is not hammered.</summary>
    [Range(0.01, 10.0)]
    public double DelayShareOfFailingTime { get; set; } = 0.25;

    /// <summary>How long a message keeps being tried, in hours, before it goes to the poison queue
    /// (kept there, and its request flagged for the ministry).</summary>
    [Range(1, 24 * 7)]
    public int GiveUpAfterHours { get; set; } = 6;

    /// <summary>How long, in minutes, a citizen's status notification waits for the notification of an
    /// earlier status change of the same request that has not gone out yet (so "accepted" never arrives
    /// before "routed"). Past it the later one goes out, and the earlier one, when it comes, is recorded
    /// as superseded instead of being sent out of order.</summary>
    [Range(0, 24 * 60)]
    public int OrderWaitMinutes { get; set; } = 15;
}
