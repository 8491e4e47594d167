using NgoFunctions.Core.Registry;

namespace NgoFunctions.Core.Routing;

/// <summary>The routing rule (design handbook, "Routing rule", first version). Pure: same input,
/// same decision. Candidates are the active NGOs serving the sector whose coverage contains the
/// location; NGOs at capacity or that declined this request before are skipped. Ranking: most
/// specific coverage (sub-district, district, governorate, national), then lowest load (open cases /
/// capacity), then highest acceptance rate, then a tie-break that is stable for a request but spreads
/// different requests over equal NGOs (a hash of tracking code and NGO id).</summary>
public static class RoutingRule
{
    /// <summary>Version written into every routing reason.</summary>
    public const string Version = "2026-11.2";

    /// <summary>The NGOs that serve <paramref name="sector"/> and cover the location, with their best
    /// coverage match; inactive ones are left out.</summary>
    public static IEnumerable<(Ngo Ngo, CoverageMatch Match)> Eligible(
        IEnumerable<Ngo> ngos, string sector, string governorate, string? district, string? subDistrict)
    {
        foreach (var ngo in ngos)
        {
            if (!ngo.Active || !ngo.Sectors.Contains(sector))
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
        var ranked = candidates
            .OrderByDescending(c => c.Match.Level)
            .ThenBy(c => c.Load)
            .ThenByDescending(c => c.AcceptanceRate)
            .ThenBy(c => TieBreak(trackingCode, c.Ngo.Id))
            .ThenBy(c => c.Ngo.Id, StringComparer.Ordinal)
            .ToList();

        RoutingCandidate? chosen = null;
        var considered = new List<ConsideredCandidate>(ranked.Count);
        foreach (var c in ranked)
        {
            string outcome;
            if (declinedBefore.Contains(c.Ngo.Id))
            {
                outcome = "declined-before";
            }
            else if (!c.HasRoom)
            {
                outcome = "at-capacity";
            }
            else if (chosen is null)
            {
                chosen = c;
                outcome = "chosen";
            }
            else
            {
                outcome = "ranked-lower";
            }

            considered.Add(new ConsideredCandidate(
                c.Ngo.Id, c.Match.Level.ToString(), c.Match.PCode, c.OpenCases, c.Ngo.Capacity, Math.Round(c.AcceptanceRate, 3), outcome));
        }

        return new RoutingDecision(chosen, considered, Version);
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
