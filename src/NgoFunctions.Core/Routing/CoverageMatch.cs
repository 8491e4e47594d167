using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Routing;

/// <summary>Which of an NGO's coverage entries contains a request's location, and at what level.</summary>
/// <param name="Level">The most specific level that matched; higher is more specific.</param>
/// <param name="PCode">The coverage P-code that matched (<c>SY</c> for national).</param>
public readonly record struct CoverageMatch(AdminLevel Level, string PCode)
{
    /// <summary>The most specific of <paramref name="coverage"/> that contains the location given by
    /// its governorate, district and sub-district P-codes (district and sub-district may be unknown),
    /// or <c>null</c> when none does. A coverage entry finer than what the request says (a sub-district
    /// when only the district is known) does not match: we cannot know the citizen is inside it.</summary>
    public static CoverageMatch? Best(IReadOnlyList<string> coverage, string governorate, string? district, string? subDistrict)
    {
        CoverageMatch? best = null;
        foreach (var code in coverage)
        {
            AdminLevel? level =
                code == subDistrict ? AdminLevel.SubDistrict
                : code == district ? AdminLevel.District
                : code == governorate ? AdminLevel.Governorate
                : code == LocationCatalogue.CountryPCode ? AdminLevel.Country
                : null;
            if (level is { } l && (best is null || l > best.Value.Level))
            {
                best = new CoverageMatch(l, code);
            }
        }

        return best;
    }
}
