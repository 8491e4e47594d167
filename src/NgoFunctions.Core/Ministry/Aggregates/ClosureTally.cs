using Azure.Data.Tables;
using NgoFunctions.Core.NgoActions;

namespace NgoFunctions.Core.Ministry.Aggregates;

/// <summary>Sums the closure and outcome counters (<see cref="AggregateCounters"/>, rule version 2) of
/// aggregate rows, for one scope of the stats (the whole range, or one cell).</summary>
public sealed class ClosureTally
{
    private readonly Dictionary<string, long> _notSuccessful = ResolutionOutcomes.Reasons.ToDictionary(r => r, _ => 0L, StringComparer.Ordinal);
    private long _confirmed;
    private long _unconfirmed;
    private long _disputes;
    private long _successful;

    /// <summary>Adds the counters of <paramref name="row"/>.</summary>
    public void Add(TableEntity row)
    {
        _confirmed += AggregateCounters.Read(row, AggregateCounters.ClosedConfirmed);
        _unconfirmed += AggregateCounters.Read(row, AggregateCounters.ClosedUnconfirmed);
        _disputes += AggregateCounters.Read(row, AggregateCounters.Disputes);
        _successful += AggregateCounters.Read(row, AggregateCounters.OutcomeSuccessful);
        foreach (var reason in ResolutionOutcomes.Reasons)
        {
            _notSuccessful[reason] += AggregateCounters.Read(row, AggregateCounters.NotSuccessfulCounter(reason));
        }
    }

    /// <summary>The citizens' answers, with <paramref name="awaitingConfirmation"/> requests now Resolved.</summary>
    public FlowClosure Closure(long awaitingConfirmation)
    {
        var rates = ClosureRates.Of(_confirmed, _unconfirmed, _disputes);
        return new FlowClosure(awaitingConfirmation, _confirmed, _unconfirmed, _disputes, rates.Confirmed, rates.Unconfirmed, rates.Disputed);
    }

    /// <summary>The outcomes: every reason code, in display order.</summary>
    public FlowOutcomes Outcomes() =>
        new(_successful, ResolutionOutcomes.Reasons.ToDictionary(r => r, r => _notSuccessful[r], StringComparer.Ordinal));
}
