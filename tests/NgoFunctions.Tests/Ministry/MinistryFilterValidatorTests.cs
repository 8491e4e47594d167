using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Tests.Ministry;

/// <summary>The monitoring filters' rules, field by field: which wire field an error names and its English
/// text (the HTTP answers themselves are checked by <see cref="MinistryApiTests"/>).</summary>
[Trait("Category", "Unit")]
public sealed class MinistryFilterValidatorTests
{
    // Exact texts of src/NgoFunctions.Core/Localization/ministry.en.json.
    private const string DateEn = "Give the date as yyyy-MM-dd, e.g. 2026-11-29.";
    private const string RangeEn = "'from' must not come after 'to', and the range may span at most 366 days.";
    private const string SectorEn = "Choose a sector from the list.";
    private const string NeedsAttentionEn = "Use true or false.";

    private static readonly DateOnly Today = new(2026, 12, 6);

    private readonly MinistryFilterValidator _validator;

    public MinistryFilterValidatorTests()
    {
        var options = Options.Create(new MinistryOptions());
        _validator = new MinistryFilterValidator(new MinistryFilterReader(new SectorCatalogue(), new LocationCatalogue(), options), options, new Texts());
    }

    [Fact]
    public void NoFilters_AreValid()
    {
        Assert.True(_validator.Validate(new MinistryFilterCheck(new MinistryFilter(), Today, Language.En)).IsValid);
    }

    [Fact]
    public void KnownValues_InAnyCase_AreValid()
    {
        var filter = new MinistryFilter("RESOLVED", "Health", "sy02", "TRUE", "2026-11-01", "2026-11-30");
        Assert.True(_validator.Validate(new MinistryFilterCheck(filter, Today, Language.En)).IsValid);
    }

    [Fact]
    public void MalformedDays_NameTheirField_AndSkipTheRangeCheck()
    {
        var result = _validator.Validate(new MinistryFilterCheck(new MinistryFilter(From: "2026-13-01", To: "yesterday"), Today, Language.En));

        Assert.Equal(["to", "from"], result.Errors.Select(e => e.PropertyName));
        Assert.All(result.Errors, e => Assert.Equal(DateEn, e.ErrorMessage));
    }

    [Fact]
    public void FromAfterTo_OrTooLongARange_IsAnErrorOnFrom()
    {
        var reversed = _validator.Validate(new MinistryFilterCheck(new MinistryFilter(From: "2026-11-02", To: "2026-11-01"), Today, Language.En));
        var tooLong = _validator.Validate(new MinistryFilterCheck(new MinistryFilter(From: "2025-01-01"), Today, Language.En));

        foreach (var error in new[] { Assert.Single(reversed.Errors), Assert.Single(tooLong.Errors) })
        {
            Assert.Equal("from", error.PropertyName);
            Assert.Equal(RangeEn, error.ErrorMessage);
        }
    }

    [Fact]
    public void UnknownCodes_NameTheirWireFields_InOrder()
    {
        var filter = new MinistryFilter("nope", "nope", "SY99", "maybe");
        var result = _validator.Validate(new MinistryFilterCheck(filter, Today, Language.En));

        Assert.Equal(["status", "sector", "governorate", "needsAttention"], result.Errors.Select(e => e.PropertyName));
        Assert.Equal(SectorEn, result.Errors[1].ErrorMessage);
        Assert.Equal(NeedsAttentionEn, result.Errors[3].ErrorMessage);
    }
}
