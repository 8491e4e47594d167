using System.Text.Json.Serialization;

namespace NgoFunctions.Core.Hsds;

/// <summary>What one NGO offers in one sector, as an HSDS 3.1 <c>service</c> (schema <c>schema/service.json</c>;
/// required there: <c>id</c>, <c>name</c>, <c>status</c>).</summary>
/// <param name="Id">UUID derived from the NGO's id and the sector code (<see cref="HsdsIds.Service"/>).</param>
/// <param name="OrganizationId">The NGO's organization id.</param>
/// <param name="Name">"{sector} — {NGO}", in English.</param>
/// <param name="AlternateName">The same in Arabic.</param>
/// <param name="Description">The sector's description in English (examples of the services in it).</param>
/// <param name="Status">Always <see cref="Active"/>: only active NGOs are listed.</param>
/// <param name="ServiceAreas">One per P-code the NGO covers.</param>
/// <param name="Capacities">The NGO's places for new cases (HSDS 3.1 <c>capacities</c>, an array of
/// <c>service_capacity</c>): one record.</param>
public sealed record HsdsService(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("organization_id")] Guid OrganizationId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("alternate_name")] string AlternateName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("service_areas")] IReadOnlyList<HsdsServiceArea> ServiceAreas,
    [property: JsonPropertyName("capacities")] IReadOnlyList<HsdsServiceCapacity> Capacities)
{
    /// <summary>The HSDS <c>status</c> of a service taking new cases (one of <c>active</c>, <c>inactive</c>,
    /// <c>defunct</c>, <c>temporarily closed</c>).</summary>
    public const string Active = "active";
}
