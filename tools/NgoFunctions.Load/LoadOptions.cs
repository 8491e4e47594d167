namespace NgoFunctions.Load;

/// <summary>What to run.</summary>
/// <param name="BaseUrl">The running system's base URL.</param>
/// <param name="StorageConnection">Its storage connection string (Azurite's by default).</param>
/// <param name="Requests">Requests to submit.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Timeout">How long to wait for every request to be routed.</param>
/// <param name="AdminKey">Admin API key for the registry.</param>
/// <param name="RequestsTable">The ServiceRequests table.</param>
/// <param name="ClientHeader">When set, each request names a client address of its own in this header
/// (<c>10.x.y.z</c>, from its number), which the system reads when started with
/// <c>IntakeLimits__ForwardedForHeader</c> set to it: citizens come from many addresses, while every request
/// of this command comes from one, which the per-address limit (<c>IntakeLimits:PerAddress</c>) refuses.</param>
public sealed record LoadOptions(
    Uri BaseUrl, string StorageConnection, int Requests, int Concurrency, TimeSpan Timeout, string AdminKey, string RequestsTable, string? ClientHeader = null);
