using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.ReferenceData;

/// <summary><c>GET /api/locations</c>: Syria's governorates with their districts, by OCHA P-code, with
/// Arabic and English names, centroids (WGS84 degrees) and the attribution the data's licence asks for.
/// <c>?governorate=SY01</c> narrows it to one governorate (404 for a code that is not one).</summary>
public sealed class LocationsFunction(LocationCatalogue locations, Texts texts)
{
    /// <summary>Lists the locations.</summary>
    [Function(nameof(ListLocations))]
    [PublicEndpoint("public reference data (OCHA P-codes)")]
    public IActionResult ListLocations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "locations")] HttpRequest request)
    {
        string? only = request.Query["governorate"];
        if (!string.IsNullOrEmpty(only) && locations.Find(only)?.Level != AdminLevel.Governorate)
        {
            return Problems.NotFound(request, texts.Get("validation.governorate.unknown", RequestLanguage.Of(request)));
        }

        var governorates = locations.Governorates
            .Where(g => string.IsNullOrEmpty(only) || g.PCode == only)
            .Select(g => new
            {
                pCode = g.PCode,
                name = g.Name,
                latitude = g.Latitude,
                longitude = g.Longitude,
                districts = locations.ChildrenOf(g.PCode).Select(d => new { pCode = d.PCode, name = d.Name, latitude = d.Latitude, longitude = d.Longitude }),
            });
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new OkObjectResult(new { attribution = LocationCatalogue.Attribution, governorates });
    }
}
