namespace NgoFunctions.Core.Open311;

/// <summary>The GeoReport v2 discovery document (<c>GET discovery.{format}</c>): where the endpoint is,
/// what it speaks, whom to ask for a key.</summary>
/// <param name="Changeset">When the service list last changed (ISO 8601 with offset).</param>
/// <param name="Contact">Whom to ask for help, in the caller's language.</param>
/// <param name="KeyService">How to get an <c>api_key</c>, in the caller's language.</param>
/// <param name="Endpoints">The one endpoint of this deployment.</param>
public sealed record Open311Discovery(DateTimeOffset Changeset, string Contact, string KeyService, IReadOnlyList<Open311Endpoint> Endpoints);

/// <summary>One endpoint of the discovery document.</summary>
/// <param name="Specification">The spec's URL, <see cref="Open311Catalogue.Specification"/>.</param>
/// <param name="Url">The endpoint's base URL (absolute, ends in <c>/open311/v2</c>).</param>
/// <param name="Changeset">As <see cref="Open311Discovery.Changeset"/>.</param>
/// <param name="Type"><c>production</c>.</param>
/// <param name="Formats">Media types served: <c>text/xml</c>, <c>application/json</c>.</param>
public sealed record Open311Endpoint(string Specification, string Url, DateTimeOffset Changeset, string Type, IReadOnlyList<string> Formats);
