using Microsoft.Extensions.Options;

namespace NgoFunctions.Core.Delivery;

/// <summary>When a message whose delivery failed for a passing reason is tried again
/// (<see cref="DeliveryOptions"/>). The delay grows with the time the message has been failing — a share
/// of it, between a minimum and a maximum, with ±20 % jitter so messages that failed together do not
/// all come back in the same second — and after the give-up time there is no next try.</summary>
public sealed class RedeliverySchedule(IOptions<DeliveryOptions> options, TimeProvider clock)
{
    private const double Jitter = 0.2;

    /// <summary>The delay before the next try of a message failing since <paramref name="failingSince"/>
    /// (UTC; <c>null</c>: it failed for the first time now), or <c>null</c> when it has failed for longer
    /// than <see cref="DeliveryOptions.GiveUpAfterHours"/> and should go to the poison queue.</summary>
    public TimeSpan? NextDelay(DateTimeOffset? failingSince)
    {
        var settings = options.Value;
        var failingFor = failingSince is { } since ? clock.GetUtcNow() - since : TimeSpan.Zero;
        if (failingFor > TimeSpan.FromHours(settings.GiveUpAfterHours))
        {
            return null;
        }

        return WaitFor(failingFor);
    }

    /// <summary>A delay proportional to <paramref name="pending"/> (how long something has been
    /// waiting), between the minimum and maximum delay, with jitter: how often to look again at something
    /// that waits on a failing delivery.</summary>
    public TimeSpan WaitFor(TimeSpan pending)
    {
        var settings = options.Value;
        var seconds = Math.Clamp(
            pending.TotalSeconds * settings.DelayShareOfFailingTime,
            settings.MinDelaySeconds,
            settings.MaxDelayMinutes * 60.0);
        return TimeSpan.FromSeconds(seconds * (1 + Jitter * ((Random.Shared.NextDouble() * 2) - 1)));
    }

    /// <summary>How long a later status notification waits for an earlier one of the same request.</summary>
    public TimeSpan OrderWait => TimeSpan.FromMinutes(options.Value.OrderWaitMinutes);
}
