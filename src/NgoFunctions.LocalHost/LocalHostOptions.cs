namespace NgoFunctions.LocalHost;

/// <summary>Settings of the local host only (section <c>LocalHost</c>).</summary>
public sealed class LocalHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "LocalHost";

    /// <summary>A JSON file of NGOs (the shape of the registry's PUT body plus <c>id</c>) to load at
    /// start-up (only those not registered yet, see <see cref="NgoSeeder"/>); empty for none.</summary>
    public string? SeedNgosFile { get; set; }

    /// <summary>A JSON file of sample service requests (<c>seed/requests.json</c>: sector, governorate,
    /// district, description, urgency, and the NGO actions to play once routed) submitted once the host
    /// has started, only when no request is stored (<see cref="DemoRequestSeeder"/>); empty for none.</summary>
    public string? SeedRequestsFile { get; set; }

    /// <summary>Whether to serve <c>GET /api/diagnostics/storage-transactions</c> (the storage
    /// transaction counts the load command reads); off unless set, e.g. <c>LocalHost__Diagnostics=true</c>.
    /// The worker process's storage requests are then counted on the wire by the
    /// <see cref="StorageTransactionProxy"/>. LocalHost only: the Functions app has no such route.</summary>
    public bool Diagnostics { get; set; }
}
