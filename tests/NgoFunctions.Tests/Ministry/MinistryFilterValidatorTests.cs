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
    public void FromAfterTo_OrTooLongARange_IsAnErrorOnFrom_SayingWhichRuleAndTheDaysAsRead()
    {
        var reversed = _validator.Validate(new MinistryFilterCheck(new MinistryFilter(From: "2026-11-02", To: "2026-11-01"), Today, Language.En));
        // No 'to': it is today, which the message says.
        var future = _validator.Validate(new MinistryFilterCheck(new MinistryFilter(From: "2027-01-01"), Today, Language.En));
        var tooLong = _validator.Validate(new MinistryFilterCheck(new MinistryFilter(From: "2025-01-01"), Today, Language.En));

        Assert.Equal(
            [
                "from: 'from' (2026-11-02) comes after 'to' (2026-11-01). Without 'to', the range ends today (UTC).",
                "from: 'from' (2027-01-01) comes after 'to' (2026-12-06). Without 'to', the range ends today (UTC).",
                "from: The range spans 705 days; it may span at most 366.",
            ],
            new[] { reversed, future, tooLong }.Select(r => Assert.Single(r.Errors)).Select(e => $"{e.PropertyName}: {e.ErrorMessage}"));
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
