using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Domain;

/// <summary>Sensitive requests (design handbook, "Sensitive request"): every request of the
/// <c>protection</c> sector, and any request the citizen marked sensitive (the form's checkbox, the
/// bot's button on the summary, <c>"sensitive": true</c> in JSON). Such a request is routed only to NGOs
/// registered with <c>handlesSensitive</c>, its NGO group posts carry only its tracking code and urgency,
/// its public status shows only status and dates, and the ministry sees it at governorate level only.</summary>
public static class SensitiveCases
{
    /// <summary>The sector whose requests are always sensitive.</summary>
    public const string ProtectionSector = "protection";

    /// <summary>Attention reason (and event detail) of a sensitive request made Unroutable because no
    /// active NGO that handles sensitive cases serves its sector and covers its place (general NGOs may).</summary>
    public const string NoSensitiveNgo = "no-sensitive-ngo";

    /// <summary>Attention reason (and event detail) of a sensitive request made Unroutable although NGOs
    /// that handle sensitive cases cover it: every one of them is full or has declined it before.</summary>
    public const string SensitiveNgosUnavailable = "sensitive-ngos-unavailable";

    /// <summary>Whether a request of <paramref name="sector"/> is sensitive, given whether the citizen
    /// marked it so.</summary>
    /// <param name="sector">Sector code (may be unknown or <c>null</c>).</param>
    /// <param name="markedByCitizen">The citizen's own choice.</param>
    public static bool IsSensitive(string? sector, bool markedByCitizen) =>
        markedByCitizen || string.Equals(sector, ProtectionSector, StringComparison.Ordinal);

    /// <summary>Whether a stored request is sensitive: its <see cref="ServiceRequestEntity.Sensitive"/>
    /// flag, or its sector (a protection request stored before the flag existed).</summary>
    public static bool IsSensitive(ServiceRequestEntity request) => IsSensitive(request.Sector, request.Sensitive);
}
