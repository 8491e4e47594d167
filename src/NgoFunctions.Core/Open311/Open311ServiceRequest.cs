namespace NgoFunctions.Core.Open311;

/// <summary>One service request as GeoReport v2 <c>GET requests</c> shows it, fields in the spec's order,
/// <b>without personal data</b>: no description, name, phone or coordinates; the place only as a P-code
/// and its name. A sensitive request shows only its id, status and dates.</summary>
/// <param name="ServiceRequestId">The tracking code, <c>ABCDE-23456</c>.</param>
/// <param name="Status"><c>open</c> or <c>closed</c> (Resolved, Closed and Cancelled are closed).</param>
/// <param name="StatusNotes">The finer status, <c>{RequestStatus}: {what it means}</c> in the caller's language.</param>
/// <param name="ServiceName">The sector's name in the caller's language.</param>
/// <param name="ServiceCode">The sector code.</param>
/// <param name="Description">Always <c>null</c>: the citizen's text is personal data.</param>
/// <param name="AgencyResponsible">The NGO's name once routed to one (not while Submitted, Waitlisted or Unroutable).</param>
/// <param name="ServiceNotice">Always <c>null</c>.</param>
/// <param name="RequestedDatetime">When it was submitted (ISO 8601 with offset).</param>
/// <param name="UpdatedDatetime">When it last changed.</param>
/// <param name="ExpectedDatetime">Always <c>null</c>: no date is promised.</param>
/// <param name="Address">The area's name ("district, governorate") in the caller's language.</param>
/// <param name="AddressId">The most precise P-code kept (district, else governorate).</param>
/// <param name="Zipcode">Always empty: Syria's areas are named by P-code.</param>
/// <param name="Lat">Always <c>null</c>: coordinates are not kept.</param>
/// <param name="Long">Always <c>null</c>.</param>
/// <param name="MediaUrl">Always <c>null</c>.</param>
public sealed record Open311ServiceRequest(
    string ServiceRequestId,
    string Status,
    string StatusNotes,
    string? ServiceName,
    string? ServiceCode,
    string? Description,
    string? AgencyResponsible,
    string? ServiceNotice,
    DateTimeOffset RequestedDatetime,
    DateTimeOffset UpdatedDatetime,
    DateTimeOffset? ExpectedDatetime,
    string? Address,
    string? AddressId,
    string Zipcode,
    double? Lat,
    double? Long,
    string? MediaUrl);
