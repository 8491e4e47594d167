using NgoFunctions.Core.Domain;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Tests.Routing;

/// <summary>The coverage index finds exactly what the rule's scan finds, and the one-pass choice picks
/// what the full ranking picks, on random NGO sets over the real P-codes.</summary>
[Trait("Category", "Unit")]
public sealed class CoverageIndexTests
{
    private static readonly LocationCatalogue Catalogue = new();
    private static readonly string[] Sectors = ["health", "education", "food", "shelter", "wash"];

    private static readonly AdminArea[] Districts =
        [.. Catalogue.Governorates.SelectMany(g => Catalogue.ChildrenOf(g.PCode))];

    private static readonly AdminArea[] SubDistricts = [.. Districts.SelectMany(d => Catalogue.ChildrenOf(d.PCode))];

    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Find_RandomNgosAndRequests_SameNgosAndMatchesAsScan(int seed)
    {
        var random = new Random(seed);
        var ngos = RandomNgos(random, 300);
        var index = CoverageIndex.Build(ngos);

        for (var i = 0; i < 500; i++)
        {
            var (sector, governorate, district, subDistrict) = RandomRequest(random);

            foreach (var sensitive in new[] { false, true })
            {
                var scanned = RoutingRule.Eligible(ngos, sector, governorate, district, subDistrict, sensitive)
                    .Select(e => (e.Ngo.Id, e.Match)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
                var found = index.Find(sector, governorate, district, subDistrict, sensitive).ToList()
                    .Select(e => (e.Ngo.Id, e.Match)).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();

                Assert.Equal(scanned, found);
            }
        }
    }

    [Fact]
    public void Find_InactiveAndOtherSector_LeftOut()
    {
        Ngo[] ngos =
        [
            Ngo("inactive", ["health"], ["SY02"], active: false),
            Ngo("food-only", ["food"], ["SY02"]),
            Ngo("national", ["health"], [LocationCatalogue.CountryPCode]),
            Ngo("both", ["health"], ["SY02", "SY0200", LocationCatalogue.CountryPCode]),
        ];

        var found = CoverageIndex.Build(ngos).Find("health", "SY02", "SY0200", null).ToList();

        Assert.Equal(["both", "national"], found.Select(f => f.Ngo.Id).Order(StringComparer.Ordinal));
        Assert.Equal(new CoverageMatch(AdminLevel.District, "SY0200"), found.Single(f => f.Ngo.Id == "both").Match);
        Assert.Empty(CoverageIndex.Build(ngos).Find("shelter", "SY02", "SY0200", null).ToList());
    }

    [Fact]
    public void Find_SensitiveRequest_OnlyNgosThatHandleSensitiveCases()
    {
        Ngo[] ngos =
        [
            Ngo("district-general", ["protection"], ["SY0200"]),
            Ngo("governorate-trusted", ["protection"], ["SY02"], handlesSensitive: true),
            Ngo("national-general", ["protection"], [LocationCatalogue.CountryPCode]),
            Ngo("inactive-trusted", ["protection"], ["SY02"], active: false, handlesSensitive: true),
        ];
        var index = CoverageIndex.Build(ngos);

        var general = index.Find("protection", "SY02", "SY0200", null).ToList();
        var sensitive = index.Find("protection", "SY02", "SY0200", null, sensitive: true).ToList();

        Assert.Equal(["district-general", "governorate-trusted", "national-general"], general.Select(f => f.Ngo.Id));
        Assert.Equal(["governorate-trusted"], sensitive.Select(f => f.Ngo.Id));
        Assert.Equal(new CoverageMatch(AdminLevel.Governorate, "SY02"), sensitive.Single().Match);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Choose_RandomLoadsAndDeclines_SameChoiceAsFullRanking(int seed)
    {
        var random = new Random(seed);
        var ngos = RandomNgos(random, 200);
        var index = CoverageIndex.Build(ngos);
        var loads = ngos.ToDictionary(
            n => n.Id,
            n => new NgoLoadEntity { PartitionKey = n.Id, OpenCases = random.Next(0, n.Capacity + 1), Accepted = random.Next(0, 3), NotAccepted = random.Next(0, 3) },
            StringComparer.Ordinal);

        for (var i = 0; i < 300; i++)
        {
            var (sector, governorate, district, subDistrict) = RandomRequest(random);
            var code = $"CODE{i:D6}";
            var eligible = index.Find(sector, governorate, district, subDistrict);
            var declined = eligible.ToList().Where(_ => random.Next(5) == 0).Select(e => e.Ngo.Id).ToHashSet(StringComparer.Ordinal);

            var reference = RoutingRule.Decide(
                code,
                RoutingRule.Eligible(ngos, sector, governorate, district, subDistrict)
                    .Select(e => new RoutingCandidate(e.Ngo, e.Match, loads[e.Ngo.Id].OpenCases, loads[e.Ngo.Id].Accepted, loads[e.Ngo.Id].NotAccepted)),
                declined);
            var chosen = RoutingRule.Choose(code, eligible, loads, declined);
            var stored = RoutingRule.Decide(code, eligible, loads, declined);

            Assert.Equal(reference.Chosen?.Ngo.Id, chosen?.Ngo.Id);
            Assert.Equal(reference.Chosen?.Match, chosen?.Match);
            Assert.Equal(reference.Considered, stored.Considered);
        }
    }

    private static Ngo Ngo(string id, string[] sectors, string[] coverage, bool active = true, int capacity = 10, bool handlesSensitive = false) =>
        new(id, new LocalizedName("جمعية " + id, "Association " + id), sectors, coverage, capacity, active, handlesSensitive);

    // Coverage at every level (several entries, sometimes nested, sometimes repeated), inactive NGOs,
    // one to three sectors each; ids in random order so the tie-break matters.
    private static Ngo[] RandomNgos(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Ngo(
            $"ngo-{random.Next(100000):D5}-{i}",
            [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => Sectors[random.Next(Sectors.Length)]).Distinct()],
            [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => RandomCoverage(random))],
            active: random.Next(6) != 0,
            capacity: random.Next(0, 6),
            handlesSensitive: random.Next(4) == 0))];

    private static string RandomCoverage(Random random) => random.Next(20) switch
    {
        0 => LocationCatalogue.CountryPCode,
        < 6 => Catalogue.Governorates[random.Next(Catalogue.Governorates.Count)].PCode,
        < 13 => Districts[random.Next(Districts.Length)].PCode,
        _ => SubDistricts[random.Next(SubDistricts.Length)].PCode,
    };

    // A real location, given down to the governorate, district or sub-district; sometimes a sector
    // nobody serves.
    private static (string Sector, string Governorate, string? District, string? SubDistrict) RandomRequest(Random random)
    {
        var sector = random.Next(30) == 0 ? "psychosocial" : Sectors[random.Next(Sectors.Length)];
        var sub = SubDistricts[random.Next(SubDistricts.Length)];
        var district = Catalogue.Find(sub.ParentPCode)!;
        return random.Next(3) switch
        {
            0 => (sector, district.ParentPCode, null, null),
            1 => (sector, district.ParentPCode, district.PCode, null),
            _ => (sector, district.ParentPCode, district.PCode, sub.PCode),
        };
    }
}
