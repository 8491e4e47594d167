using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>The routing rule (design handbook, "Routing rule", first version). Pure: same input,
/// same decision. Candidates are the active NGOs serving the sector whose coverage contains the
/// location (for a sensitive request, <see cref="Domain.SensitiveCases"/>, only those that handle
/// sensitive cases); NGOs at capacity or that declined this request before are skipped. Ranking: most
/// specific coverage (sub-district, district, governorate, national), then lowest load (open cases /
/// capacity), then highest acceptance rate, then a tie-break that is stable for a request but spreads
/// different requests over equal NGOs (a hash of tracking code and NGO id).</summary>
public static class RoutingRule
{
    /// <summary>Version written into every routing reason.</summary>
    public const string Version = "2026-12.1";

    /// <summary>A considered candidate's outcome when it had no free place: a request whose candidates are all
    /// this, or declined it, waits in line, Waitlisted.</summary>
    public const string AtCapacity = "at-capacity";

    /// <summary>The NGOs that serve <paramref name="sector"/> and cover the location, with their best
    /// coverage match; inactive ones are left out, and for a <paramref name="sensitive"/> request every
    /// NGO not registered with <see cref="Ngo.HandlesSensitive"/>.</summary>
    public static IEnumerable<(Ngo Ngo, CoverageMatch Match)> Eligible(
        IEnumerable<Ngo> ngos, string sector, string governorate, string? district, string? subDistrict, bool sensitive = false)
    {
        foreach (var ngo in ngos)
        {
            if (!ngo.Active || !ngo.Sectors.Contains(sector) || (sensitive && !ngo.HandlesSensitive))
            {
                continue;
            }

            if (CoverageMatch.Best(ngo.Coverage, governorate, district, subDistrict) is { } match)
            {
                yield return (ngo, match);
            }
        }
    }

    /// <summary>Ranks <paramref name="candidates"/> and picks the first that has room and did not
    /// decline before.</summary>
    /// <param name="trackingCode">The request's tracking code, for the stable tie-break.</param>
    /// <param name="candidates">Eligible NGOs with their current figures.</param>
    /// <param name="declinedBefore">NGOs that declined or let this request expire before.</param>
    public static RoutingDecision Decide(string trackingCode, IEnumerable<RoutingCandidate> candidates, IReadOnlySet<string> declinedBefore)
    {
        var ranked = Rank(trackingCode, candidates);
        var chosen = ranked.FirstOrDefault(c => !declinedBefore.Contains(c.Ngo.Id) && c.HasRoom);
        return Explain(ranked, chosen, declinedBefore);
    }

    /// <summary>The decision the router stores: the NGO picked by <see cref="Choose"/> (the same code
    /// the routing benchmark measures) and, for the routing reason, every eligible NGO ranked.</summary>
    /// <param name="trackingCode">The request's tracking code, for the stable tie-break.</param>
    /// <param name="eligible">The eligible NGOs, from <see cref="CoverageIndex.Find"/>.</param>
    /// <param name="loads">Each eligible NGO's counter by NGO id (a missing one counts as no cases yet).</param>
    /// <param name="declinedBefore">NGOs that declined or let this request expire before.</param>
    public static RoutingDecision Decide(
        string trackingCode, EligibleNgos eligible, IReadOnlyDictionary<string, NgoLoadEntity> loads, IReadOnlySet<string> declinedBefore)
    {
        var chosen = Choose(trackingCode, eligible, loads, declinedBefore);
        var candidates = new List<RoutingCandidate>();
        foreach (var (ngo, match) in eligible)
        {
            candidates.Add(ReferenceEquals(ngo, chosen?.Ngo) ? chosen! : Candidate(ngo, match, loads));
        }

        return Explain(Rank(trackingCode, candidates), chosen, declinedBefore);
    }

    /// <summary>The best eligible NGO that has room and did not decline before, in one pass without
    /// sorting and without allocating anything but the result; the same order as
    /// <see cref="Decide(string, IEnumerable{RoutingCandidate}, IReadOnlySet{string})"/>. <c>null</c> when none fits.</summary>
    /// <param name="trackingCode">The request's tracking code, for the stable tie-break.</param>
    /// <param name="eligible">The eligible NGOs, from <see cref="CoverageIndex.Find"/>.</param>
    /// <param name="loads">Each eligible NGO's counter by NGO id (a missing one counts as no cases yet).</param>
    /// <param name="declinedBefore">NGOs that declined or let this request expire before.</param>
    public static RoutingCandidate? Choose(
        string trackingCode, EligibleNgos eligible, IReadOnlyDictionary<string, NgoLoadEntity> loads, IReadOnlySet<string> declinedBefore)
    {
        Ngo? best = null;
        CoverageMatch bestMatch = default;
        double bestLoad = 0, bestRate = 0;
        NgoLoadEntity? bestCounter = null;
        foreach (var (ngo, match) in eligible)
        {
            var counter = loads.GetValueOrDefault(ngo.Id);
            var openCases = counter?.OpenCases ?? 0;
            if (openCases >= ngo.Capacity || (declinedBefore.Count > 0 && declinedBefore.Contains(ngo.Id)))
            {
                continue;
            }

            var load = RoutingCandidate.LoadOf(openCases, ngo.Capacity);
            var rate = RoutingCandidate.AcceptanceRateOf(counter?.Accepted ?? 0, counter?.NotAccepted ?? 0);
            if (best is null || Compare(trackingCode, match.Level, load, rate, ngo.Id, bestMatch.Level, bestLoad, bestRate, best.Id) < 0)
            {
                (best, bestMatch, bestLoad, bestRate, bestCounter) = (ngo, match, load, rate, counter);
            }
        }

        return best is null
            ? null
            : new RoutingCandidate(best, bestMatch, bestCounter?.OpenCases ?? 0, bestCounter?.Accepted ?? 0, bestCounter?.NotAccepted ?? 0);
    }

    private static RoutingCandidate Candidate(Ngo ngo, CoverageMatch match, IReadOnlyDictionary<string, NgoLoadEntity> loads) =>
        loads.GetValueOrDefault(ngo.Id) is { } l
            ? new RoutingCandidate(ngo, match, l.OpenCases, l.Accepted, l.NotAccepted)
            : new RoutingCandidate(ngo, match, 0, 0, 0);

    private static List<RoutingCandidate> Rank(string trackingCode, IEnumerable<RoutingCandidate> candidates) =>
        candidates
            .Order(Comparer<RoutingCandidate>.Create((a, b) => Compare(
                trackingCode, a.Match.Level, a.Load, a.AcceptanceRate, a.Ngo.Id, b.Match.Level, b.Load, b.AcceptanceRate, b.Ngo.Id)))
            .ToList();

    private static RoutingDecision Explain(List<RoutingCandidate> ranked, RoutingCandidate? chosen, IReadOnlySet<string> declinedBefore)
    {
        var considered = new List<ConsideredCandidate>(ranked.Count);
        foreach (var c in ranked)
        {
            var outcome =
                declinedBefore.Contains(c.Ngo.Id) ? "declined-before"
                : !c.HasRoom ? AtCapacity
                : ReferenceEquals(c, chosen) ? "chosen"
                : "ranked-lower";
            considered.Add(new ConsideredCandidate(
                c.Ngo.Id, c.Match.Level.ToString(), c.Match.PCode, c.OpenCases, c.Ngo.Capacity, Math.Round(c.AcceptanceRate, 3), outcome));
        }

        return new RoutingDecision(chosen, considered, Version);
    }

    // The ranking, best first: most specific coverage, lower load, higher acceptance rate, the stable
    // tie-break, then the id (ordinal) so the order is total. Negative when a ranks before b.
    private static int Compare(
        string trackingCode, AdminLevel levelA, double loadA, double rateA, string idA, AdminLevel levelB, double loadB, double rateB, string idB)
    {
        // Compared as ints: Enum.CompareTo(object) would box both levels on every comparison.
        var c = ((int)levelB).CompareTo((int)levelA);
        if (c == 0)
        {
            c = loadA.CompareTo(loadB);
        }

        if (c == 0)
        {
            c = rateB.CompareTo(rateA);
        }

        if (c == 0)
        {
            c = TieBreak(trackingCode, idA).CompareTo(TieBreak(trackingCode, idB));
        }

        return c != 0 ? c : string.CompareOrdinal(idA, idB);
    }

    // FNV-1a over both strings, then murmur3's finaliser: cheap, allocation-free and the same on every
    // machine and run (string.GetHashCode is randomised per process, which would make decisions
    // unrepeatable). Without the finaliser, ids that differ only in their last character leave the
    // order to a few low bits and equal NGOs get visibly unequal shares.
    private static uint TieBreak(string trackingCode, string ngoId)
    {
        var hash = 2166136261u;
        foreach (var ch in trackingCode)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        hash = (hash ^ '|') * 16777619u;
        foreach (var ch in ngoId)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        hash ^= hash >> 16;
        hash *= 0x85ebca6bu;
        hash ^= hash >> 13;
        hash *= 0xc2b2ae35u;
        hash ^= hash >> 16;
        return hash;
    }
}
