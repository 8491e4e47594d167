using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using NgoFunctions.Core.Delivery;

namespace NgoFunctions.Tests.Delivery;

/// <summary>The growing delay between tries of a message the Bot API could not take.</summary>
[Trait("Category", "Unit")]
public sealed class RedeliveryScheduleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
    private readonly RedeliverySchedule _schedule;

    public RedeliveryScheduleTests() => _schedule = new RedeliverySchedule(Options.Create(new DeliveryOptions()), _clock);

    [Fact]
    public void NextDelay_FirstFailure_MinimumWithJitter()
    {
        var delay = _schedule.NextDelay(failingSince: null)!.Value;

        Assert.InRange(delay.TotalSeconds, 4, 6);
    }

    [Theory]
    [InlineData(8, 120)]
    [InlineData(60, 900)]
    [InlineData(300, 1800)]
    public void NextDelay_FailingForMinutes_AQuarterOfThatCappedAtHalfAnHour(int failingMinutes, int expectedSeconds)
    {
        var delay = _schedule.NextDelay(_clock.GetUtcNow().AddMinutes(-failingMinutes))!.Value;

        Assert.InRange(delay.TotalSeconds, expectedSeconds * 0.8, expectedSeconds * 1.2);
    }

    [Fact]
    public void NextDelay_FailingLongerThanGiveUp_None()
    {
        Assert.NotNull(_schedule.NextDelay(_clock.GetUtcNow().AddHours(-5.9)));
        Assert.Null(_schedule.NextDelay(_clock.GetUtcNow().AddHours(-6.1)));
    }

    [Fact]
    public void Delays_OverATwoMinuteOutage_NextTryWithinThirtySecondsOfRecovery()
    {
        // Tries of one message through an outage that ends after 120 s: the first try after the end
        // comes within a quarter of the outage (plus jitter) of it.
        var start = _clock.GetUtcNow();
        var elapsed = TimeSpan.Zero;
        while (elapsed < TimeSpan.FromSeconds(120))
        {
            _clock.SetUtcNow(start + elapsed);
            elapsed += _schedule.NextDelay(start)!.Value;
        }

        Assert.InRange(elapsed.TotalSeconds, 120, 120 + (120 * 0.25 * 1.2 * 1.25));
    }
}
