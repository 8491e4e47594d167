using FluentValidation.Results;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Tests.Intake;

/// <summary>Field-by-field validation of a citizen's request, with Arabic (default) and English messages.</summary>
[Trait("Category", "Unit")]
public sealed class SubmitServiceRequestValidatorTests
{
    // Exact texts of src/NgoFunctions.Core/Localization/texts.ar.json and texts.en.json.
    private const string RequiredAr = "هذا الحقل مطلوب.";
    private const string RequiredEn = "This field is required.";
    private const string SectorUnknownAr = "اختر قطاعاً من القائمة.";
    private const string SectorUnknownEn = "Choose a sector from the list.";
    private const string GovernorateUnknownAr = "اختر محافظة من القائمة.";
    private const string GovernorateUnknownEn = "Choose a governorate from the list.";
    private const string DistrictUnknownAr = "اختر منطقة تقع في المحافظة المختارة.";
    private const string DistrictUnknownEn = "Choose a district in the chosen governorate.";
    private const string DescriptionLengthAr = "اكتب وصفاً بين 10 و2000 حرف.";
    private const string DescriptionLengthEn = "Write a description of 10 to 2000 characters.";
    private const string UrgencyUnknownAr = "اختر درجة الاستعجال: طارئ أو عاجل أو عادي.";
    private const string UrgencyUnknownEn = "Choose an urgency: emergency, urgent or normal.";
    private const string VulnerabilityUnknownAr = "اختر من الحالات المعروضة فقط.";
    private const string VulnerabilityUnknownEn = "Choose only from the listed situations.";
    private const string NameLengthAr = "الاسم طويل جداً (الحد 100 حرف).";
    private const string HiddenAr = "يحتوي النص على محارف تحكّم مخفية. اكتبه بنفسك بدلاً من لصقه من مكان آخر.";
    private const string NameLengthEn = "The name is too long (at most 100 characters).";
    private const string PhoneInvalidAr = "رقم الهاتف غير صحيح. مثال: 0944123456 أو \u200E+963944123456.";
    private const string PhoneInvalidEn = "The phone number is not valid. Example: 0944123456 or +963944123456.";
    private const string ConsentRequiredAr = "لا يمكننا متابعة طلبك دون موافقتك على مشاركته مع المنظمة التي ستتولاه.";
    private const string ConsentRequiredEn = "We cannot take your request further without your consent to share it with the NGO that takes it.";
    private const string LanguageUnknownAr = "اللغة يجب أن تكون ar أو en.";

    private readonly SubmitServiceRequestValidator _validator =
        new(new SectorCatalogue(), new LocationCatalogue(), new PhoneNumberNormalizer(), new Texts());

    /// <summary>A complete, valid Arabic request from Jebel Saman, Aleppo.</summary>
    private static SubmitServiceRequest Valid() => new()
    {
        Sector = "health",
        Governorate = "SY02",
        District = "SY0200",
        Description = "أحتاج إلى أدوية للسكري لوالدتي المسنة، ولا نستطيع شراءها من الصيدلية.",
        Urgency = "urgent",
        Vulnerabilities = ["older-person", "woman-head-of-household"],
        Name = "فاطمة الأحمد",
        Phone = "0944123456",
        Consent = true,
        Language = "ar",
    };

    private ValidationResult Validate(SubmitServiceRequest request) => _validator.Validate(request);

    /// <summary>The request fails on exactly <paramref name="property"/>, once, with <paramref name="message"/>.</summary>
    private void AssertFailsOnlyOn(SubmitServiceRequest request, string property, string message)
    {
        var result = Validate(request);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(property, error.PropertyName);
        Assert.Equal(message, error.ErrorMessage);
    }

    [Fact]
    public void Validate_CompleteArabicRequest_Passes()
    {
        var result = Validate(Valid());

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    [Fact]
    public void Validate_OnlyRequiredFields_Passes()
    {
        var minimal = new SubmitServiceRequest
        {
            Sector = "food",
            Governorate = "SY01",
            Description = "نحتاج سلة غذائية لعائلة من ستة أشخاص.",
            Consent = true,
        };

        Assert.True(Validate(minimal).IsValid);
    }

    [Fact]
    public void Validate_UrgencyMissing_Passes()
    {
        Assert.True(Validate(Valid() with { Urgency = null }).IsValid);
        Assert.True(Validate(Valid() with { Urgency = "" }).IsValid);
    }

    [Theory]
    [InlineData("emergency")]
    [InlineData("urgent")]
    [InlineData("normal")]
    [InlineData("Emergency")]
    public void Validate_KnownUrgency_Passes(string urgency)
    {
        Assert.True(Validate(Valid() with { Urgency = urgency }).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_SectorMissing_FailsOnSectorAsRequired(string? sector)
    {
        AssertFailsOnlyOn(Valid() with { Sector = sector }, "sector", RequiredAr);
    }

    [Theory]
    [InlineData("الصحة")]
    [InlineData("Health")]
    [InlineData("medical")]
    public void Validate_UnknownSector_FailsOnSector(string sector)
    {
        AssertFailsOnlyOn(Valid() with { Sector = sector }, "sector", SectorUnknownAr);
    }

    [Fact]
    public void Validate_GovernorateMissing_FailsOnGovernorateAsRequired()
    {
        // No district either: a district cannot lie in a governorate that is not given.
        AssertFailsOnlyOn(Valid() with { Governorate = null, District = null }, "governorate", RequiredAr);
    }

    [Theory]
    [InlineData("SY15")]
    [InlineData("SY")]
    [InlineData("sy02")]
    [InlineData("حلب")]
    public void Validate_UnknownGovernorate_FailsOnGovernorate(string governorate)
    {
        AssertFailsOnlyOn(Valid() with { Governorate = governorate, District = null }, "governorate", GovernorateUnknownAr);
    }

    [Fact]
    public void Validate_DistrictCodeGivenAsGovernorate_FailsOnGovernorate()
    {
        AssertFailsOnlyOn(Valid() with { Governorate = "SY0200", District = null }, "governorate", GovernorateUnknownAr);
    }

    [Fact]
    public void Validate_DistrictOfAnotherGovernorate_FailsOnDistrict()
    {
        // SY0100 is Damascus district, in SY01, not in Aleppo (SY02).
        AssertFailsOnlyOn(Valid() with { Governorate = "SY02", District = "SY0100" }, "district", DistrictUnknownAr);
    }

    [Fact]
    public void Validate_SubDistrictOfTheDistrict_Passes()
    {
        // SY020001 (Atareb) lies in Jebel Saman (SY0200).
        Assert.True(Validate(Valid() with { SubDistrict = "SY020001" }).IsValid);
    }

    [Theory]
    [InlineData("SY010000")]
    [InlineData("SY0200")]
    [InlineData("SY029999")]
    public void Validate_SubDistrictNotInTheDistrict_FailsOnSubDistrict(string subDistrict)
    {
        AssertFailsOnlyOn(Valid() with { SubDistrict = subDistrict }, "subDistrict", "اختر ناحية تقع في المنطقة المختارة.");
    }

    [Fact]
    public void Validate_SubDistrictWithoutDistrict_FailsOnSubDistrict()
    {
        AssertFailsOnlyOn(Valid() with { District = null, SubDistrict = "SY020001" }, "subDistrict", "اختر ناحية تقع في المنطقة المختارة.");
    }

    [Theory]
    [InlineData("SY0299")]
    [InlineData("SY02")]
    [InlineData("SY020001")]
    [InlineData("جبل سمعان")]
    public void Validate_DistrictNotADistrictOfGovernorate_FailsOnDistrict(string district)
    {
        AssertFailsOnlyOn(Valid() with { District = district }, "district", DistrictUnknownAr);
    }

    [Fact]
    public void Validate_NoDistrict_Passes()
    {
        Assert.True(Validate(Valid() with { District = null }).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Validate_DescriptionMissingOrBlank_FailsOnDescriptionAsRequired(string? description)
    {
        AssertFailsOnlyOn(Valid() with { Description = description }, "description", RequiredAr);
    }

    [Fact]
    public void Validate_DescriptionOfTenEmojiTextElements_Passes()
    {
        // 10 text elements but 41 UTF-16 chars: family (ZWJ sequence), flag, skin tones, letter + shadda.
        var description = "👨‍👩‍👧‍👦🇸🇾👍🏽🤲🏼😢🏠💊🍞شّ" + "ك";
        Assert.Equal(10, new System.Globalization.StringInfo(description).LengthInTextElements);
        Assert.True(description.Length > 20);

        Assert.True(Validate(Valid() with { Description = description }).IsValid);
    }

    [Fact]
    public void Validate_DescriptionOfNineEmojiTextElements_FailsOnDescriptionLength()
    {
        // 9 text elements though 39 UTF-16 chars: counting chars would wrongly accept it.
        var description = "👨‍👩‍👧‍👦🇸🇾👍🏽🤲🏼😢🏠💊🍞شّ";
        Assert.Equal(9, new System.Globalization.StringInfo(description).LengthInTextElements);

        AssertFailsOnlyOn(Valid() with { Description = description }, "description", DescriptionLengthAr);
    }

    [Fact]
    public void Validate_NineArabicLettersPaddedWithSpaces_FailsOnDescriptionLength()
    {
        // "أريد دواء" is 9 text elements; the surrounding whitespace is not counted.
        AssertFailsOnlyOn(Valid() with { Description = "    أريد دواء    " }, "description", DescriptionLengthAr);
    }

    [Fact]
    public void Validate_DescriptionOfInvisibleMarksOnly_FailsOnDescriptionLength()
    {
        // Twelve right-to-left marks and zero-width joiners look like nothing to a reader.
        AssertFailsOnlyOn(Valid() with { Description = new string('\u200F', 8) + "\u200D\u200D\u200Dنعم" }, "description", DescriptionLengthAr);
    }

    [Fact]
    public void Validate_DescriptionOf2000Letters_Passes()
    {
        Assert.True(Validate(Valid() with { Description = new string('ع', 2000) }).IsValid);
    }

    [Fact]
    public void Validate_DescriptionOf2001Letters_FailsOnDescriptionLength()
    {
        AssertFailsOnlyOn(Valid() with { Description = new string('ع', 2001) }, "description", DescriptionLengthAr);
    }

    [Fact]
    public void Validate_DescriptionPast2000Utf16Units_FailsThoughFewerTextElements()
    {
        // Each family emoji is one text element of 11 UTF-16 units: Telegram counts units, so 182 of them
        // (2,002 units) would be 182 "characters" to a reader but past the limit in a message.
        const string family = "👨‍👩‍👧‍👦";
        var within = string.Concat(Enumerable.Repeat(family, 181)) + new string('ع', 9);
        var past = string.Concat(Enumerable.Repeat(family, 182));
        Assert.Equal(2000, within.Length);

        Assert.True(Validate(Valid() with { Description = within }).IsValid);
        AssertFailsOnlyOn(Valid() with { Description = past }, "description", DescriptionLengthAr);
    }

    [Fact]
    public void Validate_OneLetterPiledWithMarks_CountsItsUnitsNotOneCharacter()
    {
        // Ten letters, one of them carrying 2,000 combining marks: ten text elements, 2,010 units.
        var description = "أريد" + new string('\u0651', 2000) + " دواءً الآن";

        AssertFailsOnlyOn(Valid() with { Description = description }, "description", DescriptionLengthAr);
    }

    [Theory]
    [InlineData("description", "اتصلوا بي على \u202E654321449 0963\u202C لو سمحتم")]
    [InlineData("description", "أحتاج إلى دواء\u0000 للسكري لوالدتي")]
    [InlineData("description", "أحتاج إلى دواء \u2067للسكري\u2069 لوالدتي")]
    [InlineData("name", "سلمى\u0007")]
    [InlineData("name", "\u202Eسلمى")]
    public void Validate_HiddenControlOrBidiOverride_FailsOnThatField(string field, string text)
    {
        var request = field == "name" ? Valid() with { Name = text } : Valid() with { Description = text };

        AssertFailsOnlyOn(request, field, HiddenAr);
    }

    [Fact]
    public void Validate_ArabicMarksAndLineBreaks_Pass()
    {
        // Right-to-left and Arabic letter marks, tabs and line breaks are what Arabic text really holds.
        var description = "أحتاج إلى دواء للسكري\u200F\r\nلوالدتي\u061C المسنة\t(٧٠ عاماً)\u200E";

        Assert.True(Validate(Valid() with { Description = description, Name = "سلمى\u200F" }).IsValid);
    }

    [Theory]
    [InlineData("asap")]
    [InlineData("عاجل")]
    [InlineData("high")]
    [InlineData("1")]
    public void Validate_UnknownUrgency_FailsOnUrgency(string urgency)
    {
        AssertFailsOnlyOn(Valid() with { Urgency = urgency }, "urgency", UrgencyUnknownAr);
    }

    [Theory]
    [InlineData("refugee")]
    [InlineData("طفل")]
    [InlineData("Child")]
    public void Validate_UnknownVulnerability_FailsOnVulnerabilities(string vulnerability)
    {
        AssertFailsOnlyOn(Valid() with { Vulnerabilities = ["child", vulnerability] }, "vulnerabilities", VulnerabilityUnknownAr);
    }

    [Fact]
    public void Validate_EveryKnownVulnerability_Passes()
    {
        Assert.True(Validate(Valid() with { Vulnerabilities = ["disability", "woman-head-of-household", "older-person", "child"] }).IsValid);
    }

    [Fact]
    public void Validate_NameOf101Letters_FailsOnName()
    {
        AssertFailsOnlyOn(Valid() with { Name = new string('م', 101) }, "name", NameLengthAr);
    }

    [Fact]
    public void Validate_NameOf100LettersOrNone_Passes()
    {
        Assert.True(Validate(Valid() with { Name = new string('م', 100) }).IsValid);
        Assert.True(Validate(Valid() with { Name = null }).IsValid);
    }

    [Theory]
    [InlineData("0944123456")]
    [InlineData("+963944123456")]
    [InlineData("٠٩٤٤١٢٣٤٥٦")]
    [InlineData("+٩٦٣٩٤٤١٢٣٤٥٦")]
    [InlineData("0944 123 456")]
    public void Validate_SyrianMobile_Passes(string phone)
    {
        var result = Validate(Valid() with { Phone = phone });

        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    [Fact]
    public void Validate_NoPhone_Passes()
    {
        Assert.True(Validate(Valid() with { Phone = null }).IsValid);
    }

    [Theory]
    [InlineData("12")]
    [InlineData("abcdefghij")]
    [InlineData("هاتفي")]
    [InlineData("0944")]
    public void Validate_InvalidPhone_FailsOnPhone(string phone)
    {
        AssertFailsOnlyOn(Valid() with { Phone = phone }, "phone", PhoneInvalidAr);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Validate_NoConsent_FailsOnConsent(bool? consent)
    {
        AssertFailsOnlyOn(Valid() with { Consent = consent }, "consent", ConsentRequiredAr);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("arabic")]
    [InlineData("عربي")]
    public void Validate_UnknownLanguage_FailsOnLanguageInArabic(string language)
    {
        AssertFailsOnlyOn(Valid() with { Language = language }, "language", LanguageUnknownAr);
    }

    [Fact]
    public void Validate_LanguageAbsent_MessagesAreArabic()
    {
        AssertFailsOnlyOn(Valid() with { Language = null, Consent = false }, "consent", ConsentRequiredAr);
    }

    [Fact]
    public void Validate_EverythingWrongInArabic_EachFieldHasItsArabicMessage()
    {
        var result = Validate(new SubmitServiceRequest
        {
            Sector = "medical",
            Governorate = "SY02",
            District = "SY0100",
            Description = "قصير",
            Urgency = "asap",
            Vulnerabilities = ["refugee"],
            Name = new string('م', 101),
            Phone = "12",
            Consent = false,
        });

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["sector"] = SectorUnknownAr,
                ["district"] = DistrictUnknownAr,
                ["description"] = DescriptionLengthAr,
                ["urgency"] = UrgencyUnknownAr,
                ["vulnerabilities"] = VulnerabilityUnknownAr,
                ["name"] = NameLengthAr,
                ["phone"] = PhoneInvalidAr,
                ["consent"] = ConsentRequiredAr,
            },
            result.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage));
    }

    [Fact]
    public void Validate_EverythingWrongInEnglish_EachFieldHasItsEnglishMessage()
    {
        var result = Validate(new SubmitServiceRequest
        {
            Sector = "medical",
            Governorate = "SY02",
            District = "SY0100",
            Description = "قصير",
            Urgency = "asap",
            Vulnerabilities = ["refugee"],
            Name = new string('م', 101),
            Phone = "12",
            Consent = false,
            Language = "en",
        });

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["sector"] = SectorUnknownEn,
                ["district"] = DistrictUnknownEn,
                ["description"] = DescriptionLengthEn,
                ["urgency"] = UrgencyUnknownEn,
                ["vulnerabilities"] = VulnerabilityUnknownEn,
                ["name"] = NameLengthEn,
                ["phone"] = PhoneInvalidEn,
                ["consent"] = ConsentRequiredEn,
            },
            result.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage));
    }

    [Fact]
    public void Validate_MissingFieldsInEnglish_RequiredMessageIsEnglish()
    {
        var result = Validate(new SubmitServiceRequest { Language = "en", Consent = true });

        Assert.Equal(
            [("description", RequiredEn), ("governorate", RequiredEn), ("sector", RequiredEn)],
            result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).OrderBy(e => e.PropertyName, StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_UnknownGovernorateInEnglish_EnglishMessage()
    {
        AssertFailsOnlyOn(Valid() with { Language = "en", Governorate = "SY15", District = null }, "governorate", GovernorateUnknownEn);
    }

    [Fact]
    public void Validate_LanguageCodeInUpperCase_MessagesAreEnglish()
    {
        AssertFailsOnlyOn(Valid() with { Language = "EN", Consent = null }, "consent", ConsentRequiredEn);
    }
}
