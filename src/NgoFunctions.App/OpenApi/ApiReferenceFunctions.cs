using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.App.OpenApi;

/// <summary>The readable API reference: <c>GET /api/docs</c> (Arabic, right-to-left; <c>?lang=en</c> for
/// English) draws <c>GET /api/openapi.json</c> with Swagger UI, and <c>GET /api/docs/{asset}</c> serves the
/// files it loads (<see cref="ApiReferenceAssets"/>). Neither holds data nor needs a key.</summary>
public sealed class ApiReferenceFunctions(Texts texts)
{
    private readonly ApiReferencePage _page = new(texts);

    /// <summary>Serves the page, under its Content-Security-Policy.</summary>
    [Function(nameof(ApiReference))]
    [PublicEndpoint("the API's description, public like the document it draws")]
    public IActionResult ApiReference(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request) =>
        _page.Render(RequestLanguage.OfPage(request));

    /// <summary>Serves Swagger UI's bundle and style sheet and the page's own script and style sheet;
    /// cached for a year (the page asks for them by version); 404 for any other name.</summary>
    [Function(nameof(ApiReferenceAsset))]
    [PublicEndpoint("the reference page's scripts and style sheets")]
    public IActionResult ApiReferenceAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/{asset}")] HttpRequest request, string asset) =>
        EmbeddedAsset.Serve(request, ApiReferenceAssets.Find(asset), ApiReferencePage.ContentSecurityPolicy);
}
