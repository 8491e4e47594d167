using System.Text.RegularExpressions;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.Tests.Localization;

/// <summary>Every user-facing text exists in Arabic and English, in the right script, with the same placeholders.</summary>
[Trait("Category", "Unit")]
public sealed class TextsTests
{
    // The language switch names the *other* language in its own script, on purpose.
    private const string LanguageSwitchKey = "form.switch";

    private static readonly Regex ArabicLetter = new(@"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]", RegexOptions.CultureInvariant);
    private static readonly Regex Placeholder = new(@"\{(\d+)(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant);

    private readonly Texts _texts = new();

    public static TheoryData<RequestStatus> Statuses => new(Enum.GetValues<RequestStatus>());

    public static TheoryData<string> AllKeys => new(new Texts().Keys);

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Get_EveryStatus_HasStatusAndNotifyTextInBothLanguages(RequestStatus status)
    {
        foreach (var language in new[] { Language.Ar, Language.En })
        {
            Assert.False(string.IsNullOrWhiteSpace(_texts.Get($"status.{status}", language)));
            Assert.False(string.IsNullOrWhiteSpace(_texts.Get($"notify.{status}", language)));
        }
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Get_NotifyText_MentionsTheTrackingCode(RequestStatus status)
    {
        Assert.Contains("{0}", _texts.Get($"notify.{status}", Language.Ar), StringComparison.Ordinal);
        Assert.Contains("{0}", _texts.Get($"notify.{status}", Language.En), StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_CoverAtLeastValidationStatusAndNotifyTexts()
    {
        var keys = _texts.Keys.ToHashSet(StringComparer.Ordinal);

        Assert.Contains("validation.required", keys);
        Assert.Equal(Enum.GetValues<RequestStatus>().Length, keys.Count(k => k.StartsWith("status.", StringComparison.Ordinal)));
        Assert.Equal(Enum.GetValues<RequestStatus>().Length, keys.Count(k => k.StartsWith("notify.", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Get_ArabicText_ContainsArabicLetters(string key)
    {
        var arabic = _texts.Get(key, Language.Ar);

        if (key == LanguageSwitchKey)
        {
            Assert.DoesNotMatch(ArabicLetter, arabic);
            return;
        }

        Assert.Matches(ArabicLetter, arabic);
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Get_EnglishText_ContainsNoArabicLetters(string key)
    {
        var english = _texts.Get(key, Language.En);

        if (key == LanguageSwitchKey)
        {
            Assert.Matches(ArabicLetter, english);
            return;
        }

        Assert.DoesNotMatch(ArabicLetter, english);
    }

    [Theory]
    [MemberData(nameof(AllKeys))]
    public void Get_EveryKey_SamePlaceholdersInArabicAndEnglish(string key)
    {
        static List<string> Placeholders(string text) =>
            Placeholder.Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Placeholders(_texts.Get(key, Language.En)), Placeholders(_texts.Get(key, Language.Ar)));
    }

    [Fact]
    public void Get_WithArgs_FillsPlaceholdersInArabic()
    {
        var text = _texts.Get("notify.Routed", Language.Ar, "7K3M9-Q2XWZ", "الهلال الأحمر العربي السوري");

        Assert.Equal("طلبك 7K3M9-Q2XWZ أُحيل إلى الهلال الأحمر العربي السوري. ستتواصل معك المنظمة قريباً.", text);
    }

    [Fact]
    public void Get_WithArgs_FillsPlaceholdersInEnglish()
    {
        var text = _texts.Get("validation.description.length", Language.En, 10, 2000);

        Assert.Equal("Write a description of 10 to 2000 characters.", text);
    }

    [Fact]
    public void Get_WithoutArgs_ReturnsTextUnchanged()
    {
        Assert.Equal("طلبك {0} أُغلق.", _texts.Get("notify.Closed", Language.Ar));
        Assert.Equal("تم الاستلام", _texts.Get("status.Submitted", Language.Ar));
        Assert.Equal("Received", _texts.Get("status.Submitted", Language.En));
    }

    [Fact]
    public void Get_UnknownKey_ThrowsKeyNotFound()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => _texts.Get("status.Lost", Language.Ar));

        Assert.Contains("status.Lost", ex.Message, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => _texts.Get("status.Lost", Language.En));
    }

    [Fact]
    public void Get_KeyInDifferentCase_ThrowsKeyNotFound()
    {
        Assert.Throws<KeyNotFoundException>(() => _texts.Get("STATUS.SUBMITTED", Language.En));
    }
}
