using System.Text.Json.Serialization;

namespace NgoFunctions.Core.Hsds;

/// <summary>A unit capacities are counted in, as an HSDS 3.1 <c>unit</c> (schema <c>schema/unit.json</c>,
/// new in 3.1; required there: <c>id</c>, <c>name</c>).</summary>
/// <param name="Id">The unit's UUID.</param>
/// <param name="Name">Its human-readable name.</param>
public sealed record HsdsUnit(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name)
{
    /// <summary>Open cases: one citizen's request an NGO holds from routing until it is resolved,
    /// declined, expired or cancelled (the NGO's open-case counter).</summary>
    public static HsdsUnit OpenCases { get; } = new(HsdsIds.OpenCasesUnit, "open cases");
}
