namespace NgoFunctions.Core.Open311;

/// <summary>One service of the GeoReport v2 service list (<c>GET services.{format}</c>): one per sector.
/// Properties in the spec's order; on the wire in snake case (<see cref="Open311Json"/>).</summary>
/// <param name="ServiceCode">The sector code, e.g. <c>health</c>.</param>
/// <param name="ServiceName">The sector's name in the caller's language.</param>
/// <param name="Description">What the sector covers, in the caller's language.</param>
/// <param name="Metadata">Always <c>true</c>: every service has attributes (<c>services/{code}.{format}</c>).</param>
/// <param name="Type">Always <c>realtime</c>: a service request id is given at once.</param>
/// <param name="Keywords">Comma-separated examples of what the sector covers.</param>
/// <param name="Group">The group the sector is listed under, in the caller's language.</param>
public sealed record Open311Service(
    string ServiceCode, string ServiceName, string Description, bool Metadata, string Type, string Keywords, string Group);
