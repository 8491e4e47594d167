using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Tests.ReferenceData;

/// <summary>The fixed sector catalogue of the design handbook ("Domain words").</summary>
[Trait("Category", "Unit")]
public sealed class SectorCatalogueTests
{
    private readonly SectorCatalogue _catalogue = new();

    [Fact]
    public void All_IsTheNineSectorsOfTheDesignInOrder()
    {
        Assert.Equal(
            ["health", "education", "food", "shelter", "wash", "protection", "livelihoods", "disability", "psychosocial"],
            _catalogue.All.Select(s => s.Code));
    }

    [Fact]
    public void All_EverySectorHasArabicAndEnglishNameAndDescription()
    {
        Assert.All(_catalogue.All, s =>
        {
            Assert.Matches(@"[\u0600-\u06FF]", s.Name.Ar);
            Assert.DoesNotMatch(@"[\u0600-\u06FF]", s.Name.En);
            Assert.False(string.IsNullOrWhiteSpace(s.Name.En));
            Assert.Matches(@"[\u0600-\u06FF]", s.Description.Ar);
            Assert.False(string.IsNullOrWhiteSpace(s.Description.En));
        });
        Assert.Equal(9, _catalogue.All.Select(s => s.Name.Ar).Distinct().Count());
    }

    [Theory]
    [InlineData("health", "الصحة", "Health")]
    [InlineData("education", "التعليم", "Education")]
    [InlineData("disability", "الإعاقة", "Disability")]
    [InlineData("psychosocial", "الدعم النفسي الاجتماعي", "Psychosocial support")]
    public void Find_KnownCode_GivesSectorWithNames(string code, string arabic, string english)
    {
        var sector = _catalogue.Find(code);

        Assert.NotNull(sector);
        Assert.Equal((code, arabic, english), (sector.Code, sector.Name.Ar, sector.Name.En));
    }

    [Theory]
    [InlineData("Health")]
    [InlineData("HEALTH")]
    [InlineData(" health")]
    [InlineData("الصحة")]
    [InlineData("medical")]
    [InlineData("")]
    [InlineData(null)]
    public void Find_NotExactCode_Null(string? code)
    {
        Assert.Null(_catalogue.Find(code));
    }
}
