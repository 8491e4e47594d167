using NgoFunctions.Core.Domain;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Routing;

namespace NgoFunctions.Tests.Routing;

/// <summary>The routing rule of the design handbook: candidates, ranking, skipping and tie-break.</summary>
[Trait("Category", "Unit")]
public sealed class RoutingRuleTests
{
    // Real OCHA P-codes: Aleppo governorate, its Jebel Saman district and one of its sub-districts.
    private const string Aleppo = "SY02";
    private const string JebelSaman = "SY0200";
    private const string Atareb = "SY020001";
    private const string Damascus = "SY01";
    private const string Code = "7K3M9Q2XWZ";

    private static readonly IReadOnlySet<string> NoneDeclined = new HashSet<string>();

    private static Ngo Ngo(string id, string[]? coverage = null, string[]? sectors = null, int capacity = 10, bool active = true) =>
        new(id, new LocalizedName("جمعية " + id, "Association " + id), sectors ?? ["health"], coverage ?? [Aleppo], capacity, active);

    private static RoutingCandidate Candidate(
        string id, AdminLevel level = AdminLevel.Governorate, int openCases = 0, int capacity = 10, int accepted = 0, int notAccepted = 0) =>
        new(Ngo(id, capacity: capacity), new CoverageMatch(level, level == AdminLevel.Country ? "SY" : Aleppo), openCases, accepted, notAccepted);

    private static RoutingDecision Decide(params RoutingCandidate[] candidates) => RoutingRule.Decide(Code, candidates, NoneDeclined);

    private static List<RoutingCandidate> CandidatesFor(IEnumerable<Ngo> ngos, string sector, string governorate, string? district, string? subDistrict) =>
        RoutingRule.Eligible(ngos, sector, governorate, district, subDistrict)
            .Select(e => new RoutingCandidate(e.Ngo, e.Match, OpenCases: 0, Accepted: 0, NotAccepted: 0))
            .ToList();

    [Fact]
    public void Decide_SubDistrictDistrictGovernorateAndNationalCover_SubDistrictWins()
    {
        Ngo[] ngos =
        [
            Ngo("national", coverage: ["SY"]),
            Ngo("governorate", coverage: [Aleppo]),
            Ngo("district", coverage: [JebelSaman]),
            Ngo("sub-district", coverage: [Atareb]),
        ];

        var decision = RoutingRule.Decide(Code, CandidatesFor(ngos, "health", Aleppo, JebelSaman, Atareb), NoneDeclined);

        Assert.Equal("sub-district", decision.Chosen?.Ngo.Id);
        Assert.Equal(AdminLevel.SubDistrict, decision.Chosen?.Match.Level);
        Assert.Equal(["sub-district", "district", "governorate", "national"], decision.Considered.Select(c => c.NgoId));
        Assert.Equal(["SubDistrict", "District", "Governorate", "Country"], decision.Considered.Select(c => c.CoverageLevel));
        Assert.Equal([Atareb, JebelSaman, Aleppo, "SY"], decision.Considered.Select(c => c.MatchedPCode));
    }

    [Fact]
    public void Decide_DistrictAndGovernorateCover_DistrictWins()
    {
        Ngo[] ngos = [Ngo("governorate", coverage: [Aleppo]), Ngo("district", coverage: [JebelSaman])];

        var decision = RoutingRule.Decide(Code, CandidatesFor(ngos, "health", Aleppo, JebelSaman, null), NoneDeclined);

        Assert.Equal("district", decision.Chosen?.Ngo.Id);
    }

    [Fact]
    public void Decide_GovernorateAndNationalCover_GovernorateWinsEvenWhenBusier()
    {
        var decision = Decide(
            Candidate("national", AdminLevel.Country, openCases: 0),
            Candidate("governorate", AdminLevel.Governorate, openCases: 9));

        Assert.Equal("governorate", decision.Chosen?.Ngo.Id);
    }

    [Fact]
    public void Decide_MoreSpecificButBusierAndWorseAcceptance_MoreSpecificStillWins()
    {
        var decision = Decide(
            Candidate("governorate", AdminLevel.Governorate, openCases: 0, accepted: 50, notAccepted: 0),
            Candidate("district", AdminLevel.District, openCases: 9, accepted: 0, notAccepted: 50));

        Assert.Equal("district", decision.Chosen?.Ngo.Id);
    }

    [Fact]
    public void Eligible_NgoWithSeveralCoverageEntries_ReportsItsMostSpecificMatch()
    {
        var eligible = RoutingRule.Eligible([Ngo("multi", coverage: ["SY", Aleppo, JebelSaman])], "health", Aleppo, JebelSaman, null).Single();

        Assert.Equal(new CoverageMatch(AdminLevel.District, JebelSaman), eligible.Match);
    }

    [Fact]
    public void Eligible_SubDistrictCoverageAndRequestNamesOnlyDistrict_NotEligible()
    {
        Ngo[] ngos = [Ngo("sub-district", coverage: [Atareb]), Ngo("district", coverage: [JebelSaman])];

        var eligible = RoutingRule.Eligible(ngos, "health", Aleppo, JebelSaman, subDistrict: null).Select(e => e.Ngo.Id);

        Assert.Equal(["district"], eligible);
    }

    [Fact]
    public void Eligible_DistrictCoverageAndRequestNamesOnlyGovernorate_NotEligible()
    {
        var eligible = RoutingRule.Eligible([Ngo("district", coverage: [JebelSaman])], "health", Aleppo, district: null, subDistrict: null);

        Assert.Empty(eligible);
    }

    [Fact]
    public void Eligible_CoverageOfAnotherGovernorate_NotEligible()
    {
        var eligible = RoutingRule.Eligible([Ngo("damascus", coverage: [Damascus, "SY0100"])], "health", Aleppo, JebelSaman, null);

        Assert.Empty(eligible);
    }

    [Fact]
    public void Eligible_InactiveNgo_NotEligible()
    {
        Ngo[] ngos = [Ngo("inactive", coverage: [Atareb], active: false), Ngo("active", coverage: ["SY"])];

        var eligible = RoutingRule.Eligible(ngos, "health", Aleppo, JebelSaman, Atareb).Select(e => e.Ngo.Id);

        Assert.Equal(["active"], eligible);
    }

    [Fact]
    public void Eligible_NgoNotServingTheSector_NotEligible()
    {
        Ngo[] ngos = [Ngo("education-only", sectors: ["education"]), Ngo("health-and-food", sectors: ["food", "health"])];

        var eligible = RoutingRule.Eligible(ngos, "health", Aleppo, JebelSaman, null).Select(e => e.Ngo.Id);

        Assert.Equal(["health-and-food"], eligible);
    }

    [Fact]
    public void Decide_BestNgoAtCapacity_SkippedAsAtCapacityAndNextChosen()
    {
        var decision = Decide(
            Candidate("full-district", AdminLevel.District, openCases: 5, capacity: 5),
            Candidate("governorate", AdminLevel.Governorate, openCases: 3, capacity: 5));

        Assert.Equal("governorate", decision.Chosen?.Ngo.Id);
        Assert.Equal(
            [("full-district", "at-capacity"), ("governorate", "chosen")],
            decision.Considered.Select(c => (c.NgoId, c.Outcome)));
    }

    [Fact]
    public void Decide_OpenCasesAboveCapacity_TreatedAsAtCapacity()
    {
        var decision = Decide(Candidate("over-full", AdminLevel.District, openCases: 7, capacity: 5));

        Assert.Null(decision.Chosen);
        Assert.Equal("at-capacity", Assert.Single(decision.Considered).Outcome);
    }

    [Fact]
    public void Decide_CapacityZero_NeverChosen()
    {
        var decision = Decide(Candidate("no-capacity", AdminLevel.SubDistrict, openCases: 0, capacity: 0));

        Assert.Null(decision.Chosen);
        var only = Assert.Single(decision.Considered);
        Assert.Equal(("no-capacity", "at-capacity", 0), (only.NgoId, only.Outcome, only.Capacity));
    }

    [Fact]
    public void Decide_CapacityZeroAtMoreSpecificLevel_NextNgoChosen()
    {
        var decision = Decide(
            Candidate("no-capacity", AdminLevel.SubDistrict, openCases: 0, capacity: 0),
            Candidate("national", AdminLevel.Country, openCases: 0, capacity: 1));

        Assert.Equal("national", decision.Chosen?.Ngo.Id);
    }

    [Fact]
    public void Decide_EqualLevels_LowerLoadRatioWinsOverFewerRawCases()
    {
        // big: 5 of 100 (load 0.05); small: 1 of 2 (load 0.5). Fewer raw cases would pick small.
        var decision = Decide(
            Candidate("small", openCases: 1, capacity: 2),
            Candidate("big", openCases: 5, capacity: 100));

        Assert.Equal("big", decision.Chosen?.Ngo.Id);
        Assert.Equal(["big", "small"], decision.Considered.Select(c => c.NgoId));
    }

    [Fact]
    public void Decide_EqualLevels_LowerLoadWinsOverBetterAcceptanceRate()
    {
        var decision = Decide(
            Candidate("reliable-but-busy", openCases: 8, capacity: 10, accepted: 40, notAccepted: 0),
            Candidate("idle-but-unreliable", openCases: 1, capacity: 10, accepted: 0, notAccepted: 40));

        Assert.Equal("idle-but-unreliable", decision.Chosen?.Ngo.Id);
    }

    [Fact]
    public void Decide_EqualLevelAndLoad_HigherAcceptanceRateWins()
    {
        var decision = Decide(
            Candidate("declines-often", openCases: 2, accepted: 1, notAccepted: 3),
            Candidate("accepts-often", openCases: 2, accepted: 3, notAccepted: 1));

        Assert.Equal("accepts-often", decision.Chosen?.Ngo.Id);
        Assert.Equal([0.667, 0.333], decision.Considered.Select(c => c.AcceptanceRate));
    }

    [Fact]
    public void Decide_EqualLevelAndLoad_SmoothedRateBeatsRawRate()
    {
        // Raw rates: 1/1 = 100% vs 9/10 = 90%. Smoothed: 2/3 = 0.667 vs 10/12 = 0.833.
        var decision = Decide(
            Candidate("one-of-one", accepted: 1, notAccepted: 0),
            Candidate("nine-of-ten", accepted: 9, notAccepted: 1));

        Assert.Equal("nine-of-ten", decision.Chosen?.Ngo.Id);
    }

    [Fact]
    public void Decide_NoHistoryAgainstOneDecline_NoHistoryWins()
    {
        // No history is 0.5 with smoothing, one decline is 1/3: a newcomer is not ranked last.
        var decision = Decide(
            Candidate("declined-once", accepted: 0, notAccepted: 1),
            Candidate("newcomer"));

        Assert.Equal("newcomer", decision.Chosen?.Ngo.Id);
        Assert.Equal([0.5, 0.333], decision.Considered.Select(c => c.AcceptanceRate));
    }

    [Fact]
    public void Decide_ExactTie_SameTrackingCodeGivesSameChoiceEveryTime()
    {
        RoutingCandidate[] equals = [Candidate("sarc-aleppo"), Candidate("ihsan-aleppo"), Candidate("aga-khan-aleppo")];
        var first = RoutingRule.Decide(Code, equals, NoneDeclined);

        for (var i = 0; i < 20; i++)
        {
            var again = RoutingRule.Decide(Code, equals.Reverse(), NoneDeclined);
            Assert.Equal(first.Chosen?.Ngo.Id, again.Chosen?.Ngo.Id);
            Assert.Equal(first.Considered.Select(c => c.NgoId), again.Considered.Select(c => c.NgoId));
        }
    }

    [Fact]
    public void Decide_ExactTieAcrossManyTrackingCodes_EveryEqualNgoChosenSometimes()
    {
        string[] ids = ["sarc-aleppo", "ihsan-aleppo", "aga-khan-aleppo"];
        var equals = ids.Select(id => Candidate(id, openCases: 3, accepted: 2, notAccepted: 1)).ToArray();
        var random = new Random(20261101);
        const int requests = 600;

        var counts = new Dictionary<string, int>();
        for (var i = 0; i < requests; i++)
        {
            var code = new string(Enumerable.Range(0, TrackingCode.Length).Select(_ => TrackingCode.Alphabet[random.Next(TrackingCode.Alphabet.Length)]).ToArray());
            var chosen = RoutingRule.Decide(code, equals, NoneDeclined).Chosen!.Ngo.Id;
            counts[chosen] = counts.GetValueOrDefault(chosen) + 1;
        }

        // A fair spread gives about 200 each; a fixed order would give one NGO all 600.
        Assert.All(ids, id => Assert.InRange(counts.GetValueOrDefault(id), requests / 6, requests / 2));
    }

    [Theory]
    [InlineData("ngo-a", "ngo-b", "ngo-c")]
    [InlineData("team-1", "team-2", "team-3")]
    public void Decide_ExactTieBetweenIdsDifferingInLastCharacter_SpreadsEvenly(string a, string b, string c)
    {
        string[] ids = [a, b, c];
        var equals = ids.Select(id => Candidate(id)).ToArray();
        var random = new Random(7);
        const int requests = 3000;

        var counts = ids.ToDictionary(id => id, _ => 0);
        for (var i = 0; i < requests; i++)
        {
            var code = new string(Enumerable.Range(0, TrackingCode.Length).Select(_ => TrackingCode.Alphabet[random.Next(TrackingCode.Alphabet.Length)]).ToArray());
            counts[RoutingRule.Decide(code, equals, NoneDeclined).Chosen!.Ngo.Id]++;
        }

        // About 1000 each; a hash whose order hangs on a few low bits gave 1469 / 791 / 740.
        Assert.All(ids, id => Assert.InRange(counts[id], 800, 1200));
    }

    [Fact]
    public void Decide_NothingFits_ChosenNullAndConsideredListsEverySkippedNgo()
    {
        var decision = RoutingRule.Decide(
            Code,
            [Candidate("full", AdminLevel.District, openCases: 4, capacity: 4), Candidate("declined", AdminLevel.Governorate)],
            new HashSet<string> { "declined" });

        Assert.Null(decision.Chosen);
        Assert.Equal(
            [("full", "at-capacity"), ("declined", "declined-before")],
            decision.Considered.Select(c => (c.NgoId, c.Outcome)));
    }

    [Fact]
    public void Decide_NoCandidates_ChosenNullAndNothingConsidered()
    {
        var decision = Decide();

        Assert.Null(decision.Chosen);
        Assert.Empty(decision.Considered);
        Assert.False(string.IsNullOrWhiteSpace(decision.RuleVersion));
    }

    [Fact]
    public void Decide_BestNgoDeclinedBefore_SkippedAsDeclinedBeforeAndNextChosen()
    {
        var decision = RoutingRule.Decide(
            Code,
            [Candidate("declined", AdminLevel.SubDistrict), Candidate("next", AdminLevel.District, openCases: 9)],
            new HashSet<string> { "declined" });

        Assert.Equal("next", decision.Chosen?.Ngo.Id);
        Assert.Equal(
            [("declined", "declined-before"), ("next", "chosen")],
            decision.Considered.Select(c => (c.NgoId, c.Outcome)));
    }

    [Fact]
    public void Decide_MixedCandidates_ConsideredRankedBestFirstWithExactlyOneChosen()
    {
        var decision = RoutingRule.Decide(
            Code,
            [
                Candidate("national", AdminLevel.Country, openCases: 0, capacity: 10),
                Candidate("gov-busy", AdminLevel.Governorate, openCases: 6, capacity: 10),
                Candidate("gov-idle", AdminLevel.Governorate, openCases: 1, capacity: 10),
                Candidate("district-full", AdminLevel.District, openCases: 10, capacity: 10),
                Candidate("sub-declined", AdminLevel.SubDistrict),
            ],
            new HashSet<string> { "sub-declined" });

        Assert.Equal("gov-idle", decision.Chosen?.Ngo.Id);
        Assert.Equal(
            [
                ("sub-declined", "declined-before"),
                ("district-full", "at-capacity"),
                ("gov-idle", "chosen"),
                ("gov-busy", "ranked-lower"),
                ("national", "ranked-lower"),
            ],
            decision.Considered.Select(c => (c.NgoId, c.Outcome)));
        Assert.Single(decision.Considered, c => c.Outcome == "chosen");
        var chosenLine = decision.Considered.Single(c => c.Outcome == "chosen");
        Assert.Equal((1, 10), (chosenLine.OpenCases, chosenLine.Capacity));
    }

    [Fact]
    public void Decide_AnyDecision_CarriesNonEmptyRuleVersion()
    {
        var decision = Decide(Candidate("any"));

        Assert.False(string.IsNullOrWhiteSpace(decision.RuleVersion));
        Assert.Equal(RoutingRule.Version, decision.RuleVersion);
    }

    [Fact]
    public void Candidate_Load_IsOpenCasesOverCapacityAndFullWhenCapacityZero()
    {
        Assert.Equal(0.25, Candidate("a", openCases: 1, capacity: 4).Load);
        Assert.Equal(1.0, Candidate("b", openCases: 0, capacity: 0).Load);
        Assert.False(Candidate("c", openCases: 0, capacity: 0).HasRoom);
        Assert.True(Candidate("d", openCases: 3, capacity: 4).HasRoom);
    }

    [Fact]
    public void CoverageMatch_NoEntryContainsLocation_ReturnsNull()
    {
        Assert.Null(CoverageMatch.Best([Damascus, "SY0100"], Aleppo, JebelSaman, Atareb));
    }
}
