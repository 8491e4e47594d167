using BenchmarkDotNet.Attributes;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Benchmarks;

/// <summary>One routing decision against 100, 1,000 and 10,000 NGOs spread over every district, with
/// the NGOs' counters in memory (production reads them from NgoCases; that I/O is measured by the
/// load command, not here). <c>Choose</c> is what the router runs to pick; <c>DecideWithReason</c>
/// adds the ranked list stored as the routing reason; <c>ScanAndDecide</c> is the path before the
/// index (a scan over every NGO, then the full ranking).</summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const int RequestCount = 256;
    private static readonly IReadOnlySet<string> NoneDeclined = new HashSet<string>();
    private static readonly string[] Sectors = ["health", "education", "food", "shelter", "wash", "protection", "livelihoods", "disability", "psychosocial"];

    private Ngo[] _ngos = [];
    private CoverageIndex _index = CoverageIndex.Empty;
    private Dictionary<string, NgoLoadEntity> _loads = [];
    private (string Code, string Sector, string Governorate, string? District, string? SubDistrict)[] _requests = [];
    private int _next;

    /// <summary>Registered NGOs.</summary>
    [Params(100, 1_000, 10_000)]
    public int NgoCount { get; set; }

    /// <summary>Random NGOs (fixed seed): coverage 60 % one district, 20 % one sub-district, 15 % one
    /// governorate, 5 % national; one to three sectors; 5 % inactive; random loads. Requests: random
    /// real sub-districts, with their district and governorate.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var catalogue = new LocationCatalogue();
        var districts = catalogue.Governorates.SelectMany(g => catalogue.ChildrenOf(g.PCode)).ToArray();
        var subDistricts = districts.SelectMany(d => catalogue.ChildrenOf(d.PCode)).ToArray();
        _ngos = [.. Enumerable.Range(0, NgoCount).Select(i => new Ngo(
            $"ngo-{i:D5}",
            new LocalizedName("جمعية", "Association"),
            [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Sectors[random.Next(Sectors.Length)]).Distinct()],
            [random.Next(20) switch
            {
                0 => LocationCatalogue.CountryPCode,
                < 4 => catalogue.Governorates[random.Next(catalogue.Governorates.Count)].PCode,
                < 8 => subDistricts[random.Next(subDistricts.Length)].PCode,
                _ => districts[random.Next(districts.Length)].PCode,
            }],
            Capacity: 50,
            Active: random.Next(20) != 0))];
        _index = CoverageIndex.Build(_ngos);
        _loads = _ngos.ToDictionary(
            n => n.Id,
            n => new NgoLoadEntity { PartitionKey = n.Id, OpenCases = random.Next(0, 51), Accepted = random.Next(0, 20), NotAccepted = random.Next(0, 10) },
            StringComparer.Ordinal);
        _requests = [.. Enumerable.Range(0, RequestCount).Select(i =>
        {
            var sub = subDistricts[random.Next(subDistricts.Length)];
            var district = catalogue.Find(sub.ParentPCode)!;
            return ($"CODE{i:D6}", Sectors[random.Next(Sectors.Length)], district.ParentPCode, (string?)district.PCode, (string?)sub.PCode);
        })];
    }

    /// <summary>Index lookup + one-pass choice: the router's pick.</summary>
    [Benchmark(Baseline = true)]
    public RoutingCandidate? Choose()
    {
        var r = _requests[_next++ & (RequestCount - 1)];
        return RoutingRule.Choose(r.Code, _index.Find(r.Sector, r.Governorate, r.District, r.SubDistrict), _loads, NoneDeclined);
    }

    /// <summary>The router's full decision: the pick plus the ranked reason it stores.</summary>
    [Benchmark]
    public RoutingDecision DecideWithReason()
    {
        var r = _requests[_next++ & (RequestCount - 1)];
        return RoutingRule.Decide(r.Code, _index.Find(r.Sector, r.Governorate, r.District, r.SubDistrict), _loads, NoneDeclined);
    }

    /// <summary>Before the index: scan every NGO, then rank every candidate.</summary>
    [Benchmark]
    public RoutingDecision ScanAndDecide()
    {
        var r = _requests[_next++ & (RequestCount - 1)];
        return RoutingRule.Decide(
            r.Code,
            RoutingRule.Eligible(_ngos, r.Sector, r.Governorate, r.District, r.SubDistrict)
                .Select(e => new RoutingCandidate(e.Ngo, e.Match, _loads[e.Ngo.Id].OpenCases, _loads[e.Ngo.Id].Accepted, _loads[e.Ngo.Id].NotAccepted)),
            NoneDeclined);
    }

    /// <summary>Building the index, once per directory refresh.</summary>
    [Benchmark]
    public CoverageIndex BuildIndex() => CoverageIndex.Build(_ngos);
}
