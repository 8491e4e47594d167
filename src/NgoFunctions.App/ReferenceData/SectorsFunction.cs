using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.ReferenceData;

/// <summary><c>GET /api/sectors</c>: the sector catalogue, <c>[{code, name:{ar,en}, description:{ar,en}}]</c>.</summary>
public sealed class SectorsFunction(SectorCatalogue sectors)
{
    /// <summary>Lists the sectors.</summary>
    [Function(nameof(ListSectors))]
    [PublicEndpoint("public reference data (sectors)")]
    public IActionResult ListSectors([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "sectors")] HttpRequest request)
    {
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new OkObjectResult(sectors.All);
    }
}
