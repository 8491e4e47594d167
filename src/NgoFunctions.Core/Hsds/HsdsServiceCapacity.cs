using System.Text.Json.Serialization;

namespace NgoFunctions.Core.Hsds;

/// <summary>How many more cases an NGO can take now, as an HSDS 3.1 <c>service_capacity</c> (schema
/// <c>schema/service_capacity.json</c>, new in 3.1; required there: <c>id</c>, <c>unit</c>, <c>available</c>,
/// <c>updated</c>). The capacity is the NGO's, shared by all its sectors: each of its services shows the same figures.</summary>
/// <param name="Id">UUID derived from the NGO and sector (<see cref="HsdsIds.ServiceCapacity"/>).</param>
/// <param name="Unit">What is counted: <see cref="HsdsUnit.OpenCases"/>.</param>
/// <param name="Available">Places free now: max(0, capacity − open cases).</param>
/// <param name="Maximum">The NGO's registered capacity (open cases it can hold at once).</param>
/// <param name="Description">What the figures mean, in English.</param>
/// <param name="Updated">When the open-case counter was read (UTC).</param>
public sealed record HsdsServiceCapacity(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("unit")] HsdsUnit Unit,
    [property: JsonPropertyName("available")] int Available,
    [property: JsonPropertyName("maximum")] int Maximum,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("updated")] DateTimeOffset Updated);
