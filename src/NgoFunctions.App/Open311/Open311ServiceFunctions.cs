using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Open311;

namespace NgoFunctions.App.Open311;

/// <summary>The read side of Open311 GeoReport v2 under <c>/api/open311/v2</c>: the discovery document, the
/// service list (one service per sector) and each service's definition, in JSON or XML by the path's
/// extension, texts in the caller's language (<c>lang</c>, else <c>Accept-Language</c>, else Arabic).
/// Anonymous: they describe what can be asked, nothing about anyone. An unknown extension or service is a
/// 404 in the spec's error form. Content: <see cref="Open311Catalogue"/>.</summary>
public sealed class Open311ServiceFunctions(Open311Catalogue catalogue, Texts texts, PublicUrls urls)
{
    /// <summary>The path the endpoint's URLs start with.</summary>
    public const string BasePath = "/api/open311/v2";

    private const string Reason = "Open311 service catalogue: what can be asked, no personal data";

    /// <summary><c>GET /api/open311/v2/discovery.{format}</c>: the discovery document, the endpoint's URL
    /// absolute under the host the caller used (or the configured public base URL).</summary>
    [Function(nameof(GetOpen311Discovery))]
    [PublicEndpoint(Reason)]
    public IActionResult GetOpen311Discovery(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/discovery.{format}")] HttpRequest request, string format)
    {
        var language = RequestLanguage.Of(request);
        return Open311Formats.Parse(format) is { } f
            ? Open311Answers.Body(catalogue.Discovery(urls.For(request, BasePath), language), f, "discovery")
            : Open311Answers.Error(null, StatusCodes.Status404NotFound, texts.Get("open311.error.format", language));
    }

    /// <summary><c>GET /api/open311/v2/services.{format}</c>: every service, one per sector.</summary>
    [Function(nameof(ListOpen311Services))]
    [PublicEndpoint(Reason)]
    public IActionResult ListOpen311Services(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/services.{format}")] HttpRequest request, string format)
    {
        var language = RequestLanguage.Of(request);
        return Open311Formats.Parse(format) is { } f
            ? Open311Answers.Body(catalogue.Services(language), f, "services", "service")
            : Open311Answers.Error(null, StatusCodes.Status404NotFound, texts.Get("open311.error.format", language));
    }

    /// <summary><c>GET /api/open311/v2/services/{code}.{format}</c>: the service's definition (its attributes);
    /// 404 error for an unknown code.</summary>
    [Function(nameof(GetOpen311ServiceDefinition))]
    [PublicEndpoint(Reason)]
    public IActionResult GetOpen311ServiceDefinition(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/services/{code}.{format}")] HttpRequest request, string code, string format)
    {
        var language = RequestLanguage.Of(request);
        if (Open311Formats.Parse(format) is not { } f)
        {
            return Open311Answers.Error(null, StatusCodes.Status404NotFound, texts.Get("open311.error.format", language));
        }

        return catalogue.Definition(code, language) is { } definition
            ? Open311Answers.Body(definition, f, "service_definition")
            : Open311Answers.Error(f, StatusCodes.Status404NotFound, texts.Get("open311.error.service", language));
    }
}
