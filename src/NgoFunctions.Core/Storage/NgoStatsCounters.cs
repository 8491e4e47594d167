using NgoFunctions.Core.Ministry.Aggregates;

namespace NgoFunctions.Core.Storage;

/// <summary>An NGO's performance counters for the ministry, in memory: what each transition adds
/// (an acceptance with its time to accept, a decline with its reason code, an expiry, a start, a
/// resolution with its time to resolve and its outcome, the citizen's confirmation or dispute or silence,
/// a cancellation, a rating). Knows nothing of how they are stored
/// (<see cref="NgoStatsEntity"/> maps them to the table row). Not thread-safe: one instance per read of
/// the row.</summary>
public sealed class NgoStatsCounters
{
    /// <summary>The decline reason code counted when a decline gave none.</summary>
    public const string UnknownDeclineReason = "other";

    private readonly int[] _toAccept = new int[DurationHistogram.BucketCount];
    private readonly int[] _toResolve = new int[DurationHistogram.BucketCount];
    private readonly Dictionary<string, int> _declineReasons = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _notSuccessfulReasons = new(StringComparer.Ordinal);

    /// <summary>Assignments the NGO accepted.</summary>
    public int Accepted { get; internal set; }

    /// <summary>Assignments the NGO declined.</summary>
    public int Declined { get; internal set; }

    /// <summary>Assignments the NGO let expire (the SLA sweep ended them).</summary>
    public int Expired { get; internal set; }

    /// <summary>Accepted cases the NGO started (InProgress).</summary>
    public int Started { get; internal set; }

    /// <summary>Cases the NGO resolved.</summary>
    public int Resolved { get; internal set; }

    /// <summary>Cases the citizen cancelled while the NGO held them.</summary>
    public int Cancelled { get; internal set; }

    /// <summary>Citizens' ratings of requests the NGO resolved.</summary>
    public int RatingCount { get; internal set; }

    /// <summary>Sum of those ratings (1–5 each).</summary>
    public int RatingSum { get; internal set; }

    /// <summary>Resolutions the NGO gave the outcome <c>successful</c>.</summary>
    public int Successful { get; internal set; }

    /// <summary>Resolved cases the citizen confirmed (<c>ClosureConfirmed</c>).</summary>
    public int ClosedConfirmed { get; internal set; }

    /// <summary>Resolved cases closed without the citizen's answer (<c>ClosedUnconfirmed</c>).</summary>
    public int ClosedUnconfirmed { get; internal set; }

    /// <summary>Resolutions the citizen disputed (<c>ClosureDisputed</c>): each sent the case back.</summary>
    public int Disputed { get; internal set; }

    /// <summary>Resolutions with the outcome <c>not-successful</c>, by reason code.</summary>
    public IReadOnlyDictionary<string, int> NotSuccessfulReasons => _notSuccessfulReasons;

    /// <summary>Declines by reason code.</summary>
    public IReadOnlyDictionary<string, int> DeclineReasons => _declineReasons;

    /// <summary>Accept times (assignment made → accepted), one count per <see cref="DurationHistogram"/> bucket
    /// (<see cref="DurationHistogram.BucketCount"/> entries).</summary>
    public IReadOnlyList<int> ToAccept => _toAccept;

    /// <summary>Resolve times (accepted → resolved), one count per <see cref="DurationHistogram"/> bucket
    /// (<see cref="DurationHistogram.BucketCount"/> entries).</summary>
    public IReadOnlyList<int> ToResolve => _toResolve;

    /// <summary>Counts an acceptance; <paramref name="toAccept"/> (assignment made → accepted) when known.</summary>
    public void CountAccepted(TimeSpan? toAccept)
    {
        Accepted++;
        if (toAccept is { } elapsed)
        {
            _toAccept[DurationHistogram.BucketOf(elapsed)]++;
        }
    }

    /// <summary>Counts a decline with its reason code (<see cref="UnknownDeclineReason"/> when none was given).</summary>
    public void CountDeclined(string? reason)
    {
        Declined++;
        var code = string.IsNullOrWhiteSpace(reason) ? UnknownDeclineReason : reason;
        _declineReasons[code] = _declineReasons.GetValueOrDefault(code) + 1;
    }

    /// <summary>Counts an assignment the NGO let expire.</summary>
    public void CountExpired() => Expired++;

    /// <summary>Counts a case the NGO started.</summary>
    public void CountStarted() => Started++;

    /// <summary>Counts a resolution; <paramref name="toResolve"/> (accepted → resolved) when known.</summary>
    public void CountResolved(TimeSpan? toResolve)
    {
        Resolved++;
        if (toResolve is { } elapsed)
        {
            _toResolve[DurationHistogram.BucketOf(elapsed)]++;
        }
    }

    /// <summary>Counts a case cancelled while the NGO held it.</summary>
    public void CountCancelled() => Cancelled++;

    /// <summary>Counts a resolution's outcome: <c>successful</c>, or <c>not-successful</c> with its reason.</summary>
    public void CountOutcome(string outcome, string? reason)
    {
        if (outcome == NgoActions.ResolutionOutcomes.Successful)
        {
            Successful++;
        }
        else
        {
            var code = reason ?? NgoActions.ResolutionOutcomes.OtherReason;
            _notSuccessfulReasons[code] = _notSuccessfulReasons.GetValueOrDefault(code) + 1;
        }
    }

    /// <summary>Counts the end of a resolution by event type: <c>ClosureConfirmed</c>, <c>ClosedUnconfirmed</c>
    /// or <c>ClosureDisputed</c> (<see cref="Closure.ClosureEvents"/>); any other type counts nothing.</summary>
    public void CountClosure(string eventType)
    {
        switch (eventType)
        {
            case Closure.ClosureEvents.Confirmed:
                ClosedConfirmed++;
                break;
            case Closure.ClosureEvents.ClosedUnconfirmed:
                ClosedUnconfirmed++;
                break;
            case Closure.ClosureEvents.Disputed:
                Disputed++;
                break;
        }
    }

    /// <summary>Counts a citizen's rating (1–5).</summary>
    public void CountRating(int rating)
    {
        RatingCount++;
        RatingSum += rating;
    }

    // For the row mapping only: the stored count of a reason code, or of a duration bucket (0 ≤ bucket <
    // DurationHistogram.BucketCount).
    internal void SetDeclineReason(string code, int count) => _declineReasons[code] = count;

    internal void SetNotSuccessfulReason(string code, int count) => _notSuccessfulReasons[code] = count;

    internal void SetToAccept(int bucket, int count) => _toAccept[bucket] = count;

    internal void SetToResolve(int bucket, int count) => _toResolve[bucket] = count;
}
