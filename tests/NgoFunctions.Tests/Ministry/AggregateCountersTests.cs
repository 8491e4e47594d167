using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Ministry.Aggregates;

namespace NgoFunctions.Tests.Ministry;

/// <summary>What one request contributes to the flow aggregates under each contribution rule, and the
/// closure rates both the flow stats and the NGO table give.</summary>
[Trait("Category", "Unit")]
public sealed class AggregateCountersTests
{
    private static readonly DateTimeOffset Submitted = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly IndexState DisputedThenClosed = new(
        "food", "SY02", "Closed", NeedsAttention: true, Submitted, Submitted.AddMinutes(1), Submitted.AddHours(2), Submitted.AddDays(3),
        ExpiredAssignments: 0, DuplicateSubmissions: 0, Outcome: "not-successful", OutcomeReason: "referred-elsewhere", Closure: "confirmed", Disputes: 2);

    [Fact]
    public void Version2_CountsTheClosureTheDisputesAndTheLastOutcome()
    {
        var counters = new Dictionary<string, long>();

        AggregateCounters.Add(counters, DisputedThenClosed, +1);

        Assert.Equal(1, counters[AggregateCounters.ClosedConfirmed]);
        Assert.False(counters.ContainsKey(AggregateCounters.ClosedUnconfirmed));
        Assert.Equal(2, counters[AggregateCounters.Disputes]);
        Assert.Equal(1, counters["NotSuccessful_referred_elsewhere"]);
        Assert.False(counters.ContainsKey(AggregateCounters.OutcomeSuccessful));
        Assert.Equal(1, counters[AggregateCounters.StatusCounter("Closed")]);
    }

    [Fact]
    public void Version1_CountsNoClosure_SoARowCountedUnderItIsTakenBackExactly()
    {
        var counters = new Dictionary<string, long>();

        AggregateCounters.Add(counters, DisputedThenClosed, +1, version: 1);
        var version1 = counters.Keys.ToHashSet();
        // The recount of a version 1 row: its old contribution back under rule 1, its new one under rule 2.
        AggregateCounters.Add(counters, DisputedThenClosed, -1, version: 1);
        AggregateCounters.Add(counters, DisputedThenClosed, +1);

        Assert.DoesNotContain(AggregateCounters.ClosedConfirmed, version1);
        Assert.DoesNotContain(AggregateCounters.Disputes, version1);
        Assert.Contains(AggregateCounters.Total, version1);
        var expected = new Dictionary<string, long>();
        AggregateCounters.Add(expected, DisputedThenClosed, +1);
        Assert.Equal(expected.OrderBy(p => p.Key), counters.Where(p => p.Value != 0).OrderBy(p => p.Key));
    }

    [Fact]
    public void UnconfirmedSuccessful_CountsUnderItsOwnCounters()
    {
        var counters = new Dictionary<string, long>();

        AggregateCounters.Add(counters, DisputedThenClosed with { Closure = "unconfirmed", Outcome = "successful", OutcomeReason = null, Disputes = 0 }, +1);

        Assert.Equal((1, 1), (counters[AggregateCounters.ClosedUnconfirmed], counters[AggregateCounters.OutcomeSuccessful]));
        Assert.DoesNotContain(counters.Keys, k => k.StartsWith(AggregateCounters.NotSuccessfulPrefix, StringComparison.Ordinal) || k == AggregateCounters.Disputes);
    }

    [Fact]
    public void NotSuccessfulWithoutAReason_CountsAsOther_AsTheNgoTableDoes()
    {
        var counters = new Dictionary<string, long>();

        AggregateCounters.Add(counters, DisputedThenClosed with { OutcomeReason = null }, +1);

        Assert.Equal(1, counters[AggregateCounters.NotSuccessfulCounter("other")]);
    }

    [Theory]
    [InlineData(2, 1, 2, 0.4, 0.2, 0.4)]
    [InlineData(1, 0, 0, 1.0, 0.0, 0.0)]
    [InlineData(1, 1, 1, 0.3333, 0.3333, 0.3333)]
    public void ClosureRates_AreSharesOfConfirmedUnconfirmedAndDisputed(long confirmed, long unconfirmed, long disputed, double c, double u, double d) =>
        Assert.Equal(new ClosureRates(c, u, d), ClosureRates.Of(confirmed, unconfirmed, disputed));

    [Fact]
    public void ClosureRates_WithNothingEnded_AreNull() =>
        Assert.Equal(new ClosureRates(null, null, null), ClosureRates.Of(0, 0, 0));
}
