using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Requests;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.Intake;

/// <summary><c>GET /api/requests/{trackingCode}</c>: status, sector, location, NGO once routed, and the
/// timeline; never personal data, and of a sensitive request only status and dates. JSON, or an HTML page
/// when the client asks for <c>text/html</c>.</summary>
public sealed class RequestStatusFunction(RequestStatusQuery query, StatusPage page, Texts texts)
{
    /// <summary>Answers "where is my request?".</summary>
    [Function(nameof(GetRequestStatus))]
    [PublicEndpoint("the tracking code is the citizen's key to their request")]
    public async Task<IActionResult> GetRequestStatus(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "requests/{trackingCode}")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken)
    {
        var view = await query.FindAsync(trackingCode, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (RequestLanguage.WantsHtml(request))
        {
            return page.Render(RequestLanguage.OfPage(request), trackingCode, view);
        }

        return view is null ? Problems.NotFound(request, texts.Get("page.notfound", RequestLanguage.Of(request))) : new OkObjectResult(view);
    }
}
