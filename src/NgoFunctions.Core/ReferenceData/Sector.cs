using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.ReferenceData;

/// <summary>One entry of the sector catalogue.</summary>
/// <param name="Code">Stable lower-case code used on the wire and in storage, e.g. <c>health</c>.</param>
/// <param name="Name">Arabic and English name.</param>
/// <param name="Description">Arabic and English examples of the services in the sector.</param>
public sealed record Sector(string Code, LocalizedName Name, LocalizedName Description);
