using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Registry;

/// <summary>A registered NGO as the registry and the router see it.</summary>
/// <param name="Id">Stable id: 3–40 characters of <c>a-z</c>, <c>0-9</c> and <c>-</c>.</param>
/// <param name="Name">Arabic and English name.</param>
/// <param name="Sectors">Sector codes it serves.</param>
/// <param name="Coverage">P-codes it covers, at any admin level; <c>SY</c> means all of Syria.</param>
/// <param name="Capacity">Open cases it can hold at once.</param>
/// <param name="Active">Whether it receives new cases.</param>
/// <param name="HandlesSensitive">Whether it is trusted with sensitive requests (<see cref="SensitiveCases"/>):
/// only such NGOs receive them. <c>false</c> unless registered so.</param>
/// <param name="HasWebhook">Whether the NGO registered a webhook (<see cref="Webhooks.NgoWebhooks"/>); not
/// part of the registry's answers.</param>
public sealed record Ngo(
    string Id,
    LocalizedName Name,
    IReadOnlyList<string> Sectors,
    IReadOnlyList<string> Coverage,
    int Capacity,
    bool Active,
    bool HandlesSensitive = false,
    [property: System.Text.Json.Serialization.JsonIgnore] bool HasWebhook = false);
