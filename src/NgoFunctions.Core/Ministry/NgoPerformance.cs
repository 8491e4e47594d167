using NgoFunctions.Core.Ministry.Aggregates;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Ministry;

/// <summary>Each registered NGO's load and performance for the ministry (<c>GET /api/ministry/ngos</c>),
/// from the aggregates kept on every transition, never from the requests: one partition query of the
/// registry, then per NGO one query of its NgoCases partition for exactly two rows, the open-case
/// counter (<c>load</c>) and the <see cref="NgoStatsEntity"/> (<c>stats</c>).</summary>
/// <remarks>
/// The two times, estimated from <see cref="DurationHistogram"/> buckets counted when each happened:
/// <list type="bullet">
/// <item><b>toAccept</b>: from the assignment being made (the router's commit, the assignment's
/// <c>AssignedAt</c>) to the NGO accepting it (<c>AnsweredAt</c>). Declined and expired assignments
/// are not timed: they are counted by <c>declined</c> and <c>expired</c>.</item>
/// <item><b>toResolve</b>: from the NGO accepting the case to it resolving it (the Resolved change),
/// so it includes the time before the NGO started work; cancelled cases are not timed.</item>
/// </list>
/// Each counts once per case, in the same transaction as the case row's change at the NGO.
/// </remarks>
public sealed class NgoPerformance(NgoRegistry registry, NgoCaseStore cases)
{
    // NGO partitions read at once: enough to hide latency on a registry of hundreds.
    private const int Parallelism = 8;

    /// <summary>Every registered NGO (active or not), ordered by id (ordinal).</summary>
    public async Task<NgoPerformanceList> ListAsync(CancellationToken cancellationToken)
    {
        var ngos = (await registry.ListAsync(cancellationToken)).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var views = new NgoPerformanceView[ngos.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, ngos.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, token) => views[i] = await ReadAsync(ngos[i], token));
        return new NgoPerformanceList(views);
    }

    private async Task<NgoPerformanceView> ReadAsync(Ngo ngo, CancellationToken cancellationToken)
    {
        var (openCases, stats) = await cases.GetLoadAndStatsAsync(ngo.Id, cancellationToken);
        return View(ngo, openCases, stats.Counters);
    }

    /// <summary>The answer for one NGO from its registry entry, open-case count and stats row's counters.</summary>
    public static NgoPerformanceView View(Ngo ngo, int openCases, NgoStatsCounters stats)
    {
        var answered = stats.Accepted + stats.Declined + stats.Expired;
        var reasons = DeclineReasons.Codes.ToDictionary(c => c, c => stats.DeclineReasons.GetValueOrDefault(c), StringComparer.Ordinal);
        foreach (var (code, count) in stats.DeclineReasons)
        {
            reasons.TryAdd(code, count);
        }

        return new NgoPerformanceView(
            ngo.Id,
            ngo.Name,
            ngo.Active,
            ngo.Capacity,
            openCases,
            ngo.Capacity > 0 ? Math.Round((double)openCases / ngo.Capacity, 4) : null,
            stats.Accepted,
            stats.Declined,
            stats.Expired,
            answered > 0 ? Math.Round((double)stats.Accepted / answered, 4) : null,
            reasons,
            new NgoTimes(Summarize(stats.ToAccept), Summarize(stats.ToResolve)),
            new NgoRating(stats.RatingCount, stats.RatingCount > 0 ? Math.Round((double)stats.RatingSum / stats.RatingCount, 2) : null),
            stats.Started,
            stats.Resolved,
            stats.Cancelled,
            new NgoOutcomes(
                stats.Successful,
                ResolutionOutcomes.Reasons.ToDictionary(c => c, c => stats.NotSuccessfulReasons.GetValueOrDefault(c), StringComparer.Ordinal)),
            Closure(stats));
    }

    private static NgoClosure Closure(NgoStatsCounters stats)
    {
        var rates = ClosureRates.Of(stats.ClosedConfirmed, stats.ClosedUnconfirmed, stats.Disputed);
        return new NgoClosure(
            stats.ClosedConfirmed, stats.ClosedUnconfirmed, stats.Disputed, rates.Confirmed, rates.Unconfirmed, rates.Disputed);
    }

    private static DurationSummary Summarize(IReadOnlyList<int> buckets) =>
        DurationHistogram.Summarize(buckets.Select(c => (long)c).ToArray());
}
