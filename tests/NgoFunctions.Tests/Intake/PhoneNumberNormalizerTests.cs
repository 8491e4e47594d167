using NgoFunctions.Core.Intake;

namespace NgoFunctions.Tests.Intake;

/// <summary>Phone numbers to E.164, reading numbers without a country code as Syrian.</summary>
[Trait("Category", "Unit")]
public sealed class PhoneNumberNormalizerTests
{
    private readonly PhoneNumberNormalizer _normalizer = new();

    [Theory]
    [InlineData("0944123456", "+963944123456")] // local mobile form
    [InlineData("944123456", "+963944123456")] // national number without trunk 0
    [InlineData("+963944123456", "+963944123456")] // international
    [InlineData("00963944123456", "+963944123456")] // international with 00 prefix
    [InlineData("٠٩٤٤١٢٣٤٥٦", "+963944123456")] // local form, Arabic-Indic digits
    [InlineData("+٩٦٣٩٤٤١٢٣٤٥٦", "+963944123456")] // international, Arabic-Indic digits
    [InlineData("۰۹۴۴۱۲۳۴۵۶", "+963944123456")] // local form, Persian (extended Arabic-Indic) digits
    [InlineData("0944 123 456", "+963944123456")] // spaces
    [InlineData("0944-123-456", "+963944123456")] // hyphens
    [InlineData(" +963 944 123 456 ", "+963944123456")] // surrounding spaces
    [InlineData("0933123456", "+963933123456")] // another Syrian mobile range
    [InlineData("0112345678", "+963112345678")] // Damascus landline
    [InlineData("+9613123456", "+9613123456")] // a Lebanese mobile stays Lebanese
    public void TryNormalize_ValidNumber_GivesE164(string input, string expected)
    {
        Assert.True(_normalizer.TryNormalize(input, out var e164));
        Assert.Equal(expected, e164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("12")]
    [InlineData("0944")]
    [InlineData("abcdefghij")]
    [InlineData("هاتف")]
    [InlineData("+963")]
    [InlineData("09441234567890")] // too long for Syria
    [InlineData("0944123456 0944123456 0944123456 0944123456")] // over 32 characters
    public void TryNormalize_NotAPhoneNumber_FalseAndNull(string? input)
    {
        Assert.False(_normalizer.TryNormalize(input, out var e164));
        Assert.Null(e164);
    }
}
