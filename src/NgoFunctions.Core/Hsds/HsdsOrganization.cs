using System.Text.Json.Serialization;

namespace NgoFunctions.Core.Hsds;

/// <summary>An active registered NGO as an HSDS 3.1 <c>organization</c> (schema <c>schema/organization.json</c>;
/// required there: <c>id</c>, <c>name</c>, <c>description</c>).</summary>
/// <param name="Id">UUID derived from the NGO's registry id (<see cref="HsdsIds.Organization"/>).</param>
/// <param name="Name">The NGO's English name.</param>
/// <param name="AlternateName">The NGO's Arabic name (HSDS: "an alternative or commonly used name").</param>
/// <param name="Description">A generated sentence naming its sectors and areas in English.</param>
/// <param name="Services">Its services, on <c>GET /organizations/{id}</c> only (HSDS lists leave out child
/// arrays); <c>null</c>, and then absent from the JSON, in lists.</param>
public sealed record HsdsOrganization(
    [property: JsonPropertyName("id")] Guid Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("alternate_name")] string AlternateName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("services"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HsdsService>? Services = null);
