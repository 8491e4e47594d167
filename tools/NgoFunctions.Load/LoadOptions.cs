namespace NgoFunctions.Load;

/// <summary>What to run.</summary>
/// <param name="BaseUrl">The running system's base URL.</param>
/// <param name="StorageConnection">Its storage connection string (Azurite's by default).</param>
/// <param name="Requests">Requests to submit.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="Timeout">How long to wait for every request to be routed.</param>
/// <param name="AdminKey">Admin API key for the registry.</param>
/// <param name="RequestsTable">The ServiceRequests table.</param>
public sealed record LoadOptions(
    Uri BaseUrl, string StorageConnection, int Requests, int Concurrency, TimeSpan Timeout, string AdminKey, string RequestsTable);
