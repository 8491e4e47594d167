using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.ReferenceData;

/// <summary>Administrative level of a Syrian area, as in OCHA's COD-AB.</summary>
public enum AdminLevel
{
    /// <summary>The whole country, P-code <c>SY</c> (used for national coverage).</summary>
    Country = 0,

    /// <summary>Governorate (admin1), P-codes <c>SY01</c>..<c>SY14</c>.</summary>
    Governorate = 1,

    /// <summary>District (admin2), e.g. <c>SY0100</c>.</summary>
    District = 2,

    /// <summary>Sub-district (admin3), e.g. <c>SY010000</c>.</summary>
    SubDistrict = 3,
}

/// <summary>A governorate, district or sub-district of Syria.</summary>
/// <param name="PCode">OCHA P-code; codes nest by prefix (SY020206 lies in SY0202, in SY02).</param>
/// <param name="ParentPCode">The P-code one level up (<c>SY</c> for a governorate).</param>
/// <param name="Level">Administrative level.</param>
/// <param name="Name">Arabic and English name.</param>
/// <param name="Latitude">Area centroid, WGS84 degrees north.</param>
/// <param name="Longitude">Area centroid, WGS84 degrees east.</param>
public sealed record AdminArea(
    string PCode,
    string ParentPCode,
    AdminLevel Level,
    LocalizedName Name,
    double Latitude,
    double Longitude);
