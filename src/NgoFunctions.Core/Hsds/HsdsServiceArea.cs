using System.Text.Json.Serialization;

namespace NgoFunctions.Core.Hsds;

/// <summary>One area a service covers, as an HSDS 3.1 <c>service_area</c> (schema <c>schema/service_area.json</c>;
/// required there: <c>id</c>).</summary>
/// <param name="Id">UUID derived from the NGO, sector and P-code (<see cref="HsdsIds.ServiceArea"/>).</param>
/// <param name="ServiceId">The service's id.</param>
/// <param name="Name">The area's English name (OCHA COD-AB), or "Syria" for national coverage.</param>
/// <param name="Description">Its level and P-code in English, e.g. "District of Rural Damascus governorate, OCHA P-code SY0300".</param>
/// <param name="Extent">The OCHA P-code (<c>SY</c>, <c>SY01</c>, <c>SY0100</c>, <c>SY010000</c>).</param>
/// <param name="ExtentType">Always <see cref="TextExtent"/>: the extent names the area by its P-code rather
/// than giving its polygon (HSDS allows <c>text</c> for this).</param>
public sealed record HsdsServiceArea(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("service_id")] Guid ServiceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("extent")] string Extent,
    [property: JsonPropertyName("extent_type")] string ExtentType)
{
    /// <summary>The <c>extent_type</c> of an extent given as text (HSDS: <c>geojson</c>, <c>topojson</c>,
    /// <c>kml</c> or <c>text</c>).</summary>
    public const string TextExtent = "text";
}
