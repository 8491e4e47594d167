using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;

namespace NgoFunctions.Core.Routing;

/// <summary>What <see cref="CoverageIndex.Find"/> found: up to four buckets (sub-district, district,
/// governorate, national), read most specific first; an NGO found in a more specific bucket is not
/// repeated by a less specific one; for a sensitive request, NGOs that do not handle sensitive cases are
/// skipped in every bucket. A value type whose enumerator allocates nothing.</summary>
public readonly struct EligibleNgos
{
    private readonly Slot _subDistrict;
    private readonly Slot _district;
    private readonly Slot _governorate;
    private readonly Slot _country;
    private readonly bool _sensitiveOnly;

    internal EligibleNgos(Slot subDistrict, Slot district, Slot governorate, Slot country, bool sensitiveOnly)
    {
        _subDistrict = subDistrict;
        _district = district;
        _governorate = governorate;
        _country = country;
        _sensitiveOnly = sensitiveOnly;
    }

    /// <summary>The eligible NGOs with their best match, most specific bucket first.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>The eligible NGOs as a list (allocates; for callers that need it more than once).</summary>
    public List<(Ngo Ngo, CoverageMatch Match)> ToList()
    {
        var list = new List<(Ngo, CoverageMatch)>();
        foreach (var e in this)
        {
            list.Add(e);
        }

        return list;
    }

    private Slot At(int level) => level switch
    {
        0 => _subDistrict,
        1 => _district,
        2 => _governorate,
        _ => _country,
    };

    private static AdminLevel LevelAt(int level) => level switch
    {
        0 => AdminLevel.SubDistrict,
        1 => AdminLevel.District,
        2 => AdminLevel.Governorate,
        _ => AdminLevel.Country,
    };

    // Whether the NGO has a coverage entry at a more specific level than `level` that the request
    // matches: then a more specific bucket yielded it already.
    private bool SeenBefore(IndexedNgo ngo, int level)
    {
        for (var l = 0; l < level; l++)
        {
            var key = At(l).Key;
            if (key >= 0 && Array.IndexOf(ngo.Keys, key) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One bucket of the lookup.</summary>
    internal readonly struct Slot(IndexedNgo[]? bucket, int key, string pCode)
    {
        public IndexedNgo[]? Bucket { get; } = bucket;

        public int Key { get; } = key;

        public string PCode { get; } = pCode;
    }

    /// <summary>Walks the buckets most specific first, skipping NGOs already yielded.</summary>
    public struct Enumerator
    {
        private readonly EligibleNgos _owner;
        private int _level;
        private int _position;

        internal Enumerator(EligibleNgos owner)
        {
            _owner = owner;
            _level = 0;
            _position = -1;
            Current = default;
        }

        /// <summary>The current NGO and its most specific coverage match.</summary>
        public (Ngo Ngo, CoverageMatch Match) Current { get; private set; }

        /// <summary>Moves to the next eligible NGO; <c>false</c> at the end.</summary>
        public bool MoveNext()
        {
            while (_level < 4)
            {
                var slot = _owner.At(_level);
                var bucket = slot.Bucket;
                while (bucket is not null && ++_position < bucket.Length)
                {
                    var candidate = bucket[_position];
                    if (_owner._sensitiveOnly && !candidate.Ngo.HandlesSensitive)
                    {
                        continue;
                    }

                    if (_level == 0 || !_owner.SeenBefore(candidate, _level))
                    {
                        Current = (candidate.Ngo, new CoverageMatch(LevelAt(_level), slot.PCode));
                        return true;
                    }
                }

                _level++;
                _position = -1;
            }

            return false;
        }
    }
}
