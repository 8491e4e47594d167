namespace NgoFunctions.Core.Hsds;

/// <summary>The HSDS ids of the directory's records. HSDS 3.1 wants every <c>id</c> to be a UUID
/// (<c>"format": "uuid"</c> in each schema); the registry names NGOs by a short text id, so each record's
/// UUID is derived from the registry's ids with <see cref="UuidV5"/> in <see cref="Namespace"/>: stable
/// across restarts, instances and deployments, and never stored.</summary>
public static class HsdsIds
{
    /// <summary>The namespace of every derived id: <c>d25ff3be-a197-409c-98ed-5debe7476e8f</c>, a random
    /// UUID chosen once for this directory. Changing it changes every id a partner has kept.</summary>
    public static readonly Guid Namespace = new("d25ff3be-a197-409c-98ed-5debe7476e8f");

    /// <summary>The organization of the NGO <paramref name="ngoId"/>: the UUID of <c>organization:{ngoId}</c>.</summary>
    public static Guid Organization(string ngoId) => UuidV5.Create(Namespace, $"organization:{ngoId}");

    /// <summary>The service of the NGO in a sector: the UUID of <c>service:{ngoId}:{sectorCode}</c>.</summary>
    public static Guid Service(string ngoId, string sectorCode) => UuidV5.Create(Namespace, $"service:{ngoId}:{sectorCode}");

    /// <summary>One service area of that service: the UUID of <c>service_area:{ngoId}:{sectorCode}:{pCode}</c>.</summary>
    public static Guid ServiceArea(string ngoId, string sectorCode, string pCode) =>
        UuidV5.Create(Namespace, $"service_area:{ngoId}:{sectorCode}:{pCode}");

    /// <summary>The capacity record of that service: the UUID of <c>service_capacity:{ngoId}:{sectorCode}</c>.</summary>
    public static Guid ServiceCapacity(string ngoId, string sectorCode) => UuidV5.Create(Namespace, $"service_capacity:{ngoId}:{sectorCode}");

    /// <summary>The one unit capacities are counted in (<see cref="HsdsUnit.OpenCases"/>): the UUID of <c>unit:open-cases</c>.</summary>
    public static Guid OpenCasesUnit { get; } = UuidV5.Create(Namespace, "unit:open-cases");
}
