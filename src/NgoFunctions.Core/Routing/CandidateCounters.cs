using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>The open-case counters one routing holds for its candidates (NgoCases, RK <c>load</c>), as
/// <see cref="PlaceReservation.CountersAsync"/> gathered them: a copy from <see cref="NgoLoadCache"/>
/// where it held a fresh one, otherwise read from storage. Which of them this routing read itself is
/// kept, because only those are known to be current: a cache copy may still show places given back
/// since. Belongs to one routing (one message delivery); not shared between threads.</summary>
public sealed class CandidateCounters
{
    internal CandidateCounters(IReadOnlyList<string> ngoIds)
    {
        NgoIds = ngoIds;
    }

    /// <summary>The eligible NGOs' ids, in the order <see cref="EligibleNgos"/> lists them.</summary>
    public IReadOnlyList<string> NgoIds { get; }

    /// <summary>Each eligible NGO's counter by NGO id (every id of <see cref="NgoIds"/> has one; a zero
    /// counter with an empty ETag for an NGO that never had a case).</summary>
    public Dictionary<string, NgoLoadEntity> Loads { get; } = new(StringComparer.Ordinal);

    /// <summary>The NGO ids whose counter this routing read from storage itself.</summary>
    public HashSet<string> Verified { get; } = new(StringComparer.Ordinal);
}
