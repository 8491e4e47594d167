using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Open311;

/// <summary>A GeoReport v2 <c>POST requests</c> as posted (form fields, values as typed), for
/// <see cref="Open311Intake"/>. Fields the intake has no use for (<c>email</c>, <c>device_id</c>,
/// <c>media_url</c>, <c>address_string</c>) are not read.</summary>
public sealed record Open311Submission
{
    /// <summary><c>service_code</c>: the sector code.</summary>
    public string? ServiceCode { get; init; }

    /// <summary><c>lat</c>, degrees north (WGS84), as typed.</summary>
    public string? Lat { get; init; }

    /// <summary><c>long</c>, degrees east (WGS84), as typed.</summary>
    public string? Long { get; init; }

    /// <summary><c>address_id</c>: a governorate, district or sub-district P-code.</summary>
    public string? AddressId { get; init; }

    /// <summary><c>description</c>: what is needed.</summary>
    public string? Description { get; init; }

    /// <summary><c>first_name</c>.</summary>
    public string? FirstName { get; init; }

    /// <summary><c>last_name</c>.</summary>
    public string? LastName { get; init; }

    /// <summary><c>phone</c>.</summary>
    public string? Phone { get; init; }

    /// <summary><c>attribute[{code}]</c> values by code (<see cref="Open311Attributes"/>); a
    /// <c>multivaluelist</c> holds each value posted.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Attributes { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The partner whose key was presented (set by the host from the checked key, never from the
    /// body): recorded as the <c>Submitted</c> event's actor, <c>partner:{id}</c>.</summary>
    public string? PartnerId { get; init; }

    /// <summary>The caller's language (<c>lang</c>, else <c>Accept-Language</c>): of the answer and of the
    /// citizen's updates.</summary>
    public Language Language { get; init; } = Language.Ar;
}
