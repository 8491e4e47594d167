using System.Globalization;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Ministry.Aggregates;

/// <summary>The ministry's flow aggregates: counter rows kept beside the index rows in the RequestIndex
/// table (same PartitionKey, the submission day), one row per sector × governorate × shard, RowKey
/// <c>~agg|{sector}|{governorate}|{shard}</c> (<c>~</c> sorts after every tracking code, so index
/// queries stop before them with <c>RowKey lt '~'</c>). Each counter is the sum, over the day's
/// requests of the cell, of what <see cref="Add"/> says a request contributes; every index write moves
/// the counters by the difference between the new and the stored row in the same entity-group
/// transaction, so the counters always equal a recount of the index rows.</summary>
public static class AggregateCounters
{
    /// <summary>First characters of every aggregate row's RowKey.</summary>
    public const string RowKeyPrefix = "~agg|";

    /// <summary>The RowKey just above every aggregate row (<c>}</c> follows <c>|</c>).</summary>
    public const string RowKeyEnd = "~agg}";

    /// <summary>The first RowKey at or above which every index query must stop.</summary>
    public const string IndexRowKeyEnd = "~";

    /// <summary>Counter: requests.</summary>
    public const string Total = "Total";

    /// <summary>Counter: requests flagged for the ministry.</summary>
    public const string NeedsAttention = "NeedsAttention";

    /// <summary>Counter: assignments that expired unanswered.</summary>
    public const string SlaBreaches = "SlaBreaches";

    /// <summary>Counter: submissions given an open request of the same phone and sector instead of
    /// becoming a second request (duplicates prevented).</summary>
    public const string Duplicates = "Duplicates";

    /// <summary>Counter: requests closed with the citizen's yes (<see cref="Closure.ClosureEvents.ConfirmedClosure"/>). Since rule version 2.</summary>
    public const string ClosedConfirmed = "ClosedConfirmed";

    /// <summary>Counter: requests closed after the citizen's silence (<see cref="Closure.ClosureEvents.UnconfirmedClosure"/>). Since rule version 2.</summary>
    public const string ClosedUnconfirmed = "ClosedUnconfirmed";

    /// <summary>Counter: the citizens' "no" answers to a resolution (each sends the request back to its
    /// NGO), summed over the requests. Since rule version 2.</summary>
    public const string Disputes = "Disputes";

    /// <summary>Counter: requests whose last resolution's outcome is <c>successful</c>. Since rule version 2.</summary>
    public const string OutcomeSuccessful = "OutcomeSuccessful";

    /// <summary>Counter name prefix of requests whose last resolution was <c>not-successful</c>, one
    /// counter per reason code (<c>-</c> written <c>_</c>: <c>NotSuccessful_client_unreachable</c>). Since
    /// rule version 2.</summary>
    public const string NotSuccessfulPrefix = "NotSuccessful_";

    /// <summary>Property holding the cell's sector code (for filters; the index rows' name for it).</summary>
    public const string SectorProperty = nameof(RequestIndexEntity.Sector);

    /// <summary>Property holding the cell's governorate P-code (for filters; the index rows' name for it).</summary>
    public const string GovernorateProperty = nameof(RequestIndexEntity.Governorate);

    /// <summary>Counter name prefix of the time from submission to first routed, one counter per
    /// <see cref="DurationHistogram"/> bucket (<c>Rt00</c> ...).</summary>
    public const string ToRoutedPrefix = "Rt";

    /// <summary>As <see cref="ToRoutedPrefix"/>, to accepted.</summary>
    public const string ToAcceptedPrefix = "Ac";

    /// <summary>As <see cref="ToRoutedPrefix"/>, to resolved.</summary>
    public const string ToResolvedPrefix = "Rs";

    /// <summary>Counter of requests now in <paramref name="status"/>.</summary>
    public static string StatusCounter(string status) => "St" + status;

    /// <summary>Counter of requests whose last resolution was not successful for <paramref name="reason"/>.</summary>
    public static string NotSuccessfulCounter(string reason) => NotSuccessfulPrefix + reason.Replace('-', '_');

    /// <summary>Counter of bucket <paramref name="bucket"/> of a duration histogram.</summary>
    public static string BucketCounter(string prefix, int bucket) => prefix + bucket.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The RowKey of a cell's shard.</summary>
    public static string RowKey(string sector, string governorate, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{RowKeyPrefix}{sector}|{governorate}|{shard:D2}");

    /// <summary>The shard (0 ≤ shard &lt; <paramref name="shards"/>) of a request, stable for its tracking
    /// code (FNV-1a), so that concurrent writes to one cell spread over several rows.</summary>
    public static int Shard(string trackingCode, int shards)
    {
        var hash = 2166136261u;
        foreach (var c in trackingCode)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)shards);
    }

    /// <summary>Adds <paramref name="sign"/> (+1 or −1) times what a request in <paramref name="state"/>
    /// contributes to <paramref name="counters"/> under contribution rule <paramref name="version"/>
    /// (<see cref="RequestIndexEntity.CurrentAggregatesVersion"/> unless a stored row was counted under an
    /// older one, whose contribution must be taken back as it was added).
    /// <list type="bullet">
    /// <item>Version 1: one to <see cref="Total"/> and to its status, one to <see cref="NeedsAttention"/>
    /// when flagged, its expired assignments to <see cref="SlaBreaches"/>, the duplicates it was given to
    /// <see cref="Duplicates"/>, and one to the histogram bucket of each milestone it reached.</item>
    /// <item>Version 2 adds the closure: one to <see cref="ClosedConfirmed"/> or <see cref="ClosedUnconfirmed"/>
    /// when closed so, its "no" answers to <see cref="Disputes"/>, and one to <see cref="OutcomeSuccessful"/>
    /// or to the <see cref="NotSuccessfulCounter"/> of its reason for its last resolution's outcome.</item>
    /// </list></summary>
    public static void Add(IDictionary<string, long> counters, IndexState state, int sign, int version = RequestIndexEntity.CurrentAggregatesVersion)
    {
        Bump(counters, Total, sign);
        Bump(counters, StatusCounter(state.Status), sign);
        if (state.NeedsAttention)
        {
            Bump(counters, NeedsAttention, sign);
        }

        if (state.ExpiredAssignments != 0)
        {
            Bump(counters, SlaBreaches, sign * state.ExpiredAssignments);
        }

        if (state.DuplicateSubmissions != 0)
        {
            Bump(counters, Duplicates, sign * state.DuplicateSubmissions);
        }

        Milestone(counters, ToRoutedPrefix, state.SubmittedAt, state.FirstRoutedAt, sign);
        Milestone(counters, ToAcceptedPrefix, state.SubmittedAt, state.AcceptedAt, sign);
        Milestone(counters, ToResolvedPrefix, state.SubmittedAt, state.ResolvedAt, sign);
        if (version >= 2)
        {
            AddClosure(counters, state, sign);
        }
    }

    /// <summary>A counter of a stored aggregate row (0 when absent; Int32 or Int64 as stored).</summary>
    public static long Read(TableEntity row, string counter) =>
        row.TryGetValue(counter, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;

    /// <summary>The histogram of one milestone held by <paramref name="row"/>, added into <paramref name="into"/>
    /// (<see cref="DurationHistogram.BucketCount"/> long).</summary>
    public static void AddHistogram(TableEntity row, string prefix, long[] into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] += Read(row, BucketCounter(prefix, i));
        }
    }

    /// <summary>Every status name, in lifecycle order.</summary>
    public static IReadOnlyList<string> Statuses { get; } = Enum.GetNames<RequestStatus>();

    private static void AddClosure(IDictionary<string, long> counters, IndexState state, int sign)
    {
        switch (state.Closure)
        {
            case Closure.ClosureEvents.ConfirmedClosure:
                Bump(counters, ClosedConfirmed, sign);
                break;
            case Closure.ClosureEvents.UnconfirmedClosure:
                Bump(counters, ClosedUnconfirmed, sign);
                break;
        }

        if (state.Disputes != 0)
        {
            Bump(counters, Disputes, sign * state.Disputes);
        }

        if (state.Outcome == NgoActions.ResolutionOutcomes.Successful)
        {
            Bump(counters, OutcomeSuccessful, sign);
        }
        else if (state.Outcome == NgoActions.ResolutionOutcomes.NotSuccessful)
        {
            // As the NGO table counts it: a not-successful outcome without a reason is "other".
            Bump(counters, NotSuccessfulCounter(state.OutcomeReason ?? NgoActions.ResolutionOutcomes.OtherReason), sign);
        }
    }

    private static void Milestone(IDictionary<string, long> counters, string prefix, DateTimeOffset from, DateTimeOffset? to, int sign)
    {
        if (to is { } reached)
        {
            Bump(counters, BucketCounter(prefix, DurationHistogram.BucketOf(reached - from)), sign);
        }
    }

    private static void Bump(IDictionary<string, long> counters, string name, long by) =>
        counters[name] = counters.TryGetValue(name, out var current) ? current + by : by;
}
