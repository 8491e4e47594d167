using System.Diagnostics.CodeAnalysis;
using PhoneNumbers;

namespace NgoFunctions.Core.Intake;

/// <summary>Validates phone numbers with Google's libphonenumber (numbering plans of every country),
/// reading numbers without a country code as Syrian (+963), and gives them in E.164 form.</summary>
public sealed class PhoneNumberNormalizer
{
    private const string DefaultRegion = "SY";
    private readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();

    /// <summary>Normalises <paramref name="input"/> (Arabic-Indic digits allowed) to E.164, e.g.
    /// <c>+963944123456</c>; <c>false</c> when it is not a valid number.</summary>
    public bool TryNormalize(string? input, [NotNullWhen(true)] out string? e164)
    {
        e164 = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return false;
        }

        try
        {
            var number = _util.Parse(input, DefaultRegion);
            if (!_util.IsValidNumber(number))
            {
                return false;
            }

            e164 = _util.Format(number, PhoneNumberFormat.E164);
            return true;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
