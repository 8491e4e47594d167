using System.Collections.Frozen;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;

namespace NgoFunctions.Core.Routing;

/// <summary>The active NGOs by sector and by the exact P-code of each coverage entry (national ones
/// under <c>SY</c>), so the NGOs eligible for a request are found with at most four lookups (its
/// sub-district, district, governorate and <c>SY</c>) instead of a scan over every NGO. Built once per
/// <see cref="NgoDirectory"/> snapshot; immutable, so any number of threads may read it. Finds exactly
/// what <see cref="RoutingRule.Eligible"/> finds, each NGO once with its most specific match (for a
/// sensitive request, only NGOs that handle sensitive cases: the enumeration skips the others).</summary>
public sealed class CoverageIndex
{
    private readonly FrozenDictionary<string, int> _sectors;
    private readonly FrozenDictionary<string, int> _pCodes;
    private readonly string[] _pCodeByKey;

    // [sector][P-code key] -> the active NGOs of that sector with that exact P-code in their coverage.
    private readonly IndexedNgo[]?[][] _buckets;

    private CoverageIndex(
        FrozenDictionary<string, int> sectors, FrozenDictionary<string, int> pCodes, string[] pCodeByKey, IndexedNgo[]?[][] buckets, int ngoCount)
    {
        _sectors = sectors;
        _pCodes = pCodes;
        _pCodeByKey = pCodeByKey;
        _buckets = buckets;
        Count = ngoCount;
    }

    /// <summary>An index with no NGOs.</summary>
    public static CoverageIndex Empty { get; } = Build([]);

    /// <summary>How many active NGOs the index holds.</summary>
    public int Count { get; }

    /// <summary>Builds the index from every registered NGO; inactive ones are left out.</summary>
    public static CoverageIndex Build(IEnumerable<Ngo> ngos)
    {
        var sectorIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var pCodeIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var pCodes = new List<string>();
        var lists = new List<Dictionary<int, List<IndexedNgo>>>();
        var count = 0;
        foreach (var ngo in ngos)
        {
            if (!ngo.Active)
            {
                continue;
            }

            count++;
            var keys = new List<int>(ngo.Coverage.Count);
            foreach (var code in ngo.Coverage)
            {
                if (!pCodeIds.TryGetValue(code, out var key))
                {
                    key = pCodes.Count;
                    pCodeIds.Add(code, key);
                    pCodes.Add(code);
                }

                if (!keys.Contains(key))
                {
                    keys.Add(key);
                }
            }

            var indexed = new IndexedNgo(ngo, [.. keys]);
            foreach (var sector in ngo.Sectors.Distinct(StringComparer.Ordinal))
            {
                if (!sectorIds.TryGetValue(sector, out var sectorId))
                {
                    sectorId = lists.Count;
                    sectorIds.Add(sector, sectorId);
                    lists.Add([]);
                }

                foreach (var key in indexed.Keys)
                {
                    if (!lists[sectorId].TryGetValue(key, out var bucket))
                    {
                        lists[sectorId].Add(key, bucket = []);
                    }

                    bucket.Add(indexed);
                }
            }
        }

        var buckets = new IndexedNgo[]?[lists.Count][];
        for (var s = 0; s < lists.Count; s++)
        {
            buckets[s] = new IndexedNgo[]?[pCodes.Count];
            foreach (var (key, bucket) in lists[s])
            {
                buckets[s][key] = [.. bucket];
            }
        }

        return new CoverageIndex(
            sectorIds.ToFrozenDictionary(StringComparer.Ordinal), pCodeIds.ToFrozenDictionary(StringComparer.Ordinal), [.. pCodes], buckets, count);
    }

    /// <summary>The active NGOs serving <paramref name="sector"/> whose coverage contains the location,
    /// each with its most specific match; enumerating it allocates nothing.</summary>
    /// <param name="sector">Sector code.</param>
    /// <param name="governorate">Governorate P-code.</param>
    /// <param name="district">District P-code, when known.</param>
    /// <param name="subDistrict">Sub-district P-code, when known.</param>
    /// <param name="sensitive">A sensitive request (<see cref="Domain.SensitiveCases"/>): only NGOs
    /// registered with <see cref="Ngo.HandlesSensitive"/> are found.</param>
    public EligibleNgos Find(string sector, string governorate, string? district, string? subDistrict, bool sensitive = false)
    {
        if (!_sectors.TryGetValue(sector, out var sectorId))
        {
            return default;
        }

        var buckets = _buckets[sectorId];
        return new EligibleNgos(
            Slot(buckets, subDistrict),
            Slot(buckets, district),
            Slot(buckets, governorate),
            Slot(buckets, LocationCatalogue.CountryPCode),
            sensitive);
    }

    private EligibleNgos.Slot Slot(IndexedNgo[]?[] buckets, string? pCode) =>
        pCode is not null && _pCodes.TryGetValue(pCode, out var key) && buckets[key] is { } bucket
            ? new EligibleNgos.Slot(bucket, key, _pCodeByKey[key])
            : new EligibleNgos.Slot(null, key: -1, pCode: string.Empty);
}
