using System.Text.Json.Serialization;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Registry;

/// <summary>The body of <c>PUT /api/registry/ngos/{id}</c>: the NGO's whole record (a PUT replaces it).</summary>
public sealed record NgoRegistration
{
    /// <summary>Arabic and English name, both required.</summary>
    public LocalizedNameInput? Name { get; init; }

    /// <summary>Sector codes served; at least one.</summary>
    public IReadOnlyList<string>? Sectors { get; init; }

    /// <summary>P-codes covered (any level) or <c>SY</c>; at least one.</summary>
    public IReadOnlyList<string>? Coverage { get; init; }

    /// <summary>Open cases it can hold, 0 to 100000.</summary>
    public int? Capacity { get; init; }

    /// <summary>Whether it receives new cases; absent means <c>true</c>.</summary>
    public bool? Active { get; init; }

    /// <summary>Whether the NGO is trusted with sensitive requests (protection, or marked sensitive by the
    /// citizen; <see cref="SensitiveCases"/>): only such NGOs receive them. Absent means <c>false</c>.</summary>
    public bool? HandlesSensitive { get; init; }

    /// <summary>The id from the route, validated with the body.</summary>
    [JsonIgnore]
    public string Id { get; init; } = string.Empty;

    /// <summary>The language of error messages (from the caller's <c>Accept-Language</c>).</summary>
    [JsonIgnore]
    public Language Language { get; init; }
}

/// <summary>A name as sent on the wire: <c>{"ar": "...", "en": "..."}</c>.</summary>
public sealed record LocalizedNameInput
{
    /// <summary>Arabic.</summary>
    public string? Ar { get; init; }

    /// <summary>English.</summary>
    public string? En { get; init; }
}
