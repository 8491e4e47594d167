using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Tests.ReferenceData;

/// <summary>Syria's admin areas by OCHA P-code: 14 governorates, 62 districts, 272 sub-districts.</summary>
[Trait("Category", "Unit")]
public sealed class LocationCatalogueTests
{
    private readonly LocationCatalogue _catalogue = new();

    private List<AdminArea> Districts() => _catalogue.Governorates.SelectMany(g => _catalogue.ChildrenOf(g.PCode)).ToList();

    private List<AdminArea> SubDistricts() => Districts().SelectMany(d => _catalogue.ChildrenOf(d.PCode)).ToList();

    [Fact]
    public void Governorates_AreFourteenSY01ToSY14InOrder()
    {
        var expected = Enumerable.Range(1, 14).Select(i => $"SY{i:D2}");

        Assert.Equal(expected, _catalogue.Governorates.Select(g => g.PCode));
        Assert.All(_catalogue.Governorates, g => Assert.Equal((AdminLevel.Governorate, "SY"), (g.Level, g.ParentPCode)));
    }

    [Fact]
    public void ChildrenOfCountry_AreTheFourteenGovernorates()
    {
        Assert.Equal(_catalogue.Governorates.Select(g => g.PCode), _catalogue.ChildrenOf("SY").Select(g => g.PCode));
    }

    [Fact]
    public void ChildrenOfGovernorates_AreSixtyTwoDistricts()
    {
        var districts = Districts();

        Assert.Equal(62, districts.Count);
        Assert.Equal(62, districts.Select(d => d.PCode).Distinct().Count());
        Assert.All(districts, d => Assert.Equal(AdminLevel.District, d.Level));
    }

    [Fact]
    public void ChildrenOfDistricts_AreTwoHundredSeventyTwoSubDistricts()
    {
        var subDistricts = SubDistricts();

        Assert.Equal(272, subDistricts.Count);
        Assert.Equal(272, subDistricts.Select(s => s.PCode).Distinct().Count());
        Assert.All(subDistricts, s => Assert.Equal(AdminLevel.SubDistrict, s.Level));
    }

    [Fact]
    public void EveryGovernorate_HasAtLeastOneDistrict_AndEveryDistrictAtLeastOneSubDistrict()
    {
        Assert.All(_catalogue.Governorates, g => Assert.NotEmpty(_catalogue.ChildrenOf(g.PCode)));
        Assert.All(Districts(), d => Assert.NotEmpty(_catalogue.ChildrenOf(d.PCode)));
    }

    [Fact]
    public void EveryDistrict_ParentIsGovernorateAndPCodeStartsWithIt()
    {
        Assert.All(Districts(), d =>
        {
            Assert.Equal(AdminLevel.Governorate, _catalogue.Find(d.ParentPCode)?.Level);
            Assert.StartsWith(d.ParentPCode, d.PCode, StringComparison.Ordinal);
            Assert.Equal(6, d.PCode.Length);
        });
    }

    [Fact]
    public void EverySubDistrict_ParentIsDistrictAndPCodeStartsWithIt()
    {
        Assert.All(SubDistricts(), s =>
        {
            Assert.Equal(AdminLevel.District, _catalogue.Find(s.ParentPCode)?.Level);
            Assert.StartsWith(s.ParentPCode, s.PCode, StringComparison.Ordinal);
            Assert.Equal(8, s.PCode.Length);
        });
    }

    [Fact]
    public void Find_SY01_IsDamascusInArabicAndEnglish()
    {
        var damascus = _catalogue.Find("SY01");

        Assert.NotNull(damascus);
        Assert.Equal("دمشق", damascus.Name.Ar);
        Assert.Equal("Damascus", damascus.Name.En);
        Assert.Equal(AdminLevel.Governorate, damascus.Level);
    }

    [Theory]
    [InlineData("SY02", "حلب", "Aleppo", AdminLevel.Governorate)]
    [InlineData("SY03", "ريف دمشق", "Rural Damascus", AdminLevel.Governorate)]
    [InlineData("SY14", "القنيطرة", "Quneitra", AdminLevel.Governorate)]
    [InlineData("SY0200", "جبل سمعان", "Jebel Saman", AdminLevel.District)]
    [InlineData("SY0202", "الباب", "Al Bab", AdminLevel.District)]
    [InlineData("SY020001", "أتارب", "Atareb", AdminLevel.SubDistrict)]
    public void Find_KnownPCode_GivesArabicAndEnglishNameAndLevel(string pCode, string arabic, string english, AdminLevel level)
    {
        var area = _catalogue.Find(pCode);

        Assert.NotNull(area);
        Assert.Equal((pCode, arabic, english, level), (area.PCode, area.Name.Ar, area.Name.En, area.Level));
    }

    [Fact]
    public void EveryArea_HasNonEmptyNamesAndCentroidInsideSyria()
    {
        var all = _catalogue.Governorates.Concat(Districts()).Concat(SubDistricts());

        Assert.All(all, a =>
        {
            Assert.False(string.IsNullOrWhiteSpace(a.Name.Ar));
            Assert.False(string.IsNullOrWhiteSpace(a.Name.En));
            Assert.Matches(@"[\u0600-\u06FF]", a.Name.Ar);
            Assert.InRange(a.Latitude, 32.0, 37.5);
            Assert.InRange(a.Longitude, 35.5, 42.5);
        });
    }

    [Theory]
    [InlineData("SY15")]
    [InlineData("sy01")]
    [InlineData("SY1")]
    [InlineData("دمشق")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_UnknownOrWrongCase_Null(string? pCode)
    {
        Assert.Null(_catalogue.Find(pCode));
    }

    [Fact]
    public void Find_Country_NullBecauseItIsNotAnArea()
    {
        Assert.Null(_catalogue.Find("SY"));
    }

    [Theory]
    [InlineData("SY")]
    [InlineData("SY01")]
    [InlineData("SY0200")]
    [InlineData("SY020001")]
    public void IsKnownCoverage_CountryOrExistingArea_True(string pCode)
    {
        Assert.True(_catalogue.IsKnownCoverage(pCode));
    }

    [Theory]
    [InlineData("SY15")]
    [InlineData("sy")]
    [InlineData("SY0299")]
    [InlineData("LB")]
    [InlineData("")]
    [InlineData("سوريا")]
    public void IsKnownCoverage_Unknown_False(string pCode)
    {
        Assert.False(_catalogue.IsKnownCoverage(pCode));
    }

    [Fact]
    public void ChildrenOf_SubDistrictOrUnknown_Empty()
    {
        Assert.Empty(_catalogue.ChildrenOf("SY020001"));
        Assert.Empty(_catalogue.ChildrenOf("SY99"));
    }

    [Fact]
    public void Attribution_NamesOchaAndLicence()
    {
        Assert.Contains("OCHA", LocationCatalogue.Attribution, StringComparison.Ordinal);
        Assert.Contains("CC BY-IGO 3.0", LocationCatalogue.Attribution, StringComparison.Ordinal);
    }
}
