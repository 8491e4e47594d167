using System.Text.Json.Serialization;

namespace NgoFunctions.Core.Hsds;

/// <summary>The answer of the HSDS API's root, <c>GET /</c> (HSDS 3.1 <c>openapi.json</c>,
/// <c>getAPIMetaInformation</c>).</summary>
/// <param name="Version">The HSDS version the API follows: <see cref="HsdsVersion"/>.</param>
/// <param name="Profile">The URI of the HSDS profile the API follows: <see cref="ProfileUri"/>.</param>
/// <param name="OpenApiUrl">The absolute URL of this deployment's OpenAPI document.</param>
public sealed record HsdsApiInfo(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("profile")] string Profile,
    [property: JsonPropertyName("openapi_url")] string OpenApiUrl)
{
    /// <summary>The HSDS version served.</summary>
    public const string HsdsVersion = "3.1";

    /// <summary>The profile URI: names this directory's use of HSDS (P-codes as text extents, capacity in
    /// open cases, Arabic names as <c>alternate_name</c>). HSDS wants it to resolve to the profile's
    /// description; none is published yet, so it is a name under the reserved <c>.example</c> domain until one is.</summary>
    public const string ProfileUri = "https://ngofunctions.example/hsds-profile";

    /// <summary>The answer for a deployment whose OpenAPI document is at <paramref name="openApiUrl"/>.</summary>
    public static HsdsApiInfo For(string openApiUrl) => new(HsdsVersion, ProfileUri, openApiUrl);
}
