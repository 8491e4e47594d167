using System.Text.RegularExpressions;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Tests.Domain;

/// <summary>Tracking codes: Crockford base-32, 10 symbols, forgiving parse, strict rejection.</summary>
[Trait("Category", "Unit")]
public sealed class TrackingCodeTests
{
    private static readonly Regex Canonical = new("^[0-9A-HJKMNP-TV-Z]{10}$", RegexOptions.CultureInvariant);
    private static readonly Regex Display = new("^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$", RegexOptions.CultureInvariant);

    [Fact]
    public void New_Value_IsTenSymbolsOfCrockfordAlphabet()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = TrackingCode.New();

            Assert.Equal(10, code.Value.Length);
            Assert.Matches(Canonical, code.Value);
            Assert.All(code.Value, c => Assert.Contains(c, TrackingCode.Alphabet));
        }
    }

    [Fact]
    public void Alphabet_IsCrockfordWithoutILOU()
    {
        Assert.Equal("0123456789ABCDEFGHJKMNPQRSTVWXYZ", TrackingCode.Alphabet);
        Assert.Equal(32, TrackingCode.Alphabet.Distinct().Count());
    }

    [Fact]
    public void New_ParsedBackFromValueAndDisplayForm_EqualsOriginal()
    {
        for (var i = 0; i < 100; i++)
        {
            var code = TrackingCode.New();

            Assert.True(TrackingCode.TryParse(code.Value, out var fromValue));
            Assert.Equal(code, fromValue);
            Assert.True(TrackingCode.TryParse(code.ToString(), out var fromDisplay));
            Assert.Equal(code, fromDisplay);
        }
    }

    [Fact]
    public void ToString_DisplaysFiveHyphenFive()
    {
        Assert.True(TrackingCode.TryParse("7K3M9Q2XWZ", out var code));

        Assert.Equal("7K3M9-Q2XWZ", code.Value.ToString());
        Assert.Matches(Display, TrackingCode.New().ToString());
    }

    [Theory]
    [InlineData("7k3m9q2xwz", "7K3M9Q2XWZ")]
    [InlineData("7K3M9-Q2XWZ", "7K3M9Q2XWZ")]
    [InlineData("7k3m9-q2xwz", "7K3M9Q2XWZ")]
    [InlineData(" 7K3M9 Q2XWZ ", "7K3M9Q2XWZ")]
    [InlineData("7K-3M-9Q-2X-WZ", "7K3M9Q2XWZ")]
    [InlineData("OOOOO-OOOOO", "0000000000")]
    [InlineData("oAB12CDE34", "0AB12CDE34")]
    [InlineData("IL1il-ABCDE", "11111ABCDE")]
    [InlineData("A0B1C2D3E4", "A0B1C2D3E4")]
    public void TryParse_ForgivingInput_GivesCanonicalValue(string typed, string expected)
    {
        Assert.True(TrackingCode.TryParse(typed, out var code));
        Assert.Equal(expected, code.Value.Value);
    }

    [Theory]
    [InlineData("7K3M9Q2XW")] // 9 symbols
    [InlineData("7K3M9Q2XWZA")] // 11 symbols
    [InlineData("7K3M9-Q2XW")] // 9 symbols with hyphen
    [InlineData("7K3M9Q2XWU")] // U is not in the alphabet
    [InlineData("u000000000")] // lower-case u too
    [InlineData("7K3M9*Q2XW")] // symbol
    [InlineData("7K3M9_Q2XWZ")] // underscore is not a separator
    [InlineData("7K3M9.Q2XWZ")] // dot is not a separator
    [InlineData("رمزالتتبعا")] // Arabic letters, 10 of them
    [InlineData("٧K٣M٩Q٢XWZ")] // Arabic-Indic digits are not code symbols
    [InlineData("----------")] // only separators
    [InlineData("          ")] // only spaces
    [InlineData("7K3M9-Q2XWZ-7K3M9-Q2XWZ")] // two codes
    public void TryParse_NotACode_ReturnsFalseAndNull(string typed)
    {
        Assert.False(TrackingCode.TryParse(typed, out var code));
        Assert.Null(code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void TryParse_NullOrEmpty_ReturnsFalse(string? typed)
    {
        Assert.False(TrackingCode.TryParse(typed, out var code));
        Assert.Null(code);
    }

    [Fact]
    public void New_ThousandCodes_AreDistinct()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => TrackingCode.New().Value).ToList();

        Assert.Equal(1000, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void New_ThousandCodes_UseWholeAlphabet()
    {
        // 10 000 random symbols over 32: a missing symbol would mean a broken generator.
        var used = Enumerable.Range(0, 1000).SelectMany(_ => TrackingCode.New().Value).ToHashSet();

        Assert.Equal(TrackingCode.Alphabet.ToHashSet(), used);
    }
}
