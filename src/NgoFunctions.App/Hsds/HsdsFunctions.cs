using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Hsds;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.App.Hsds;

/// <summary>The NGO registry as an Open Referral HSDS 3.1 read API under <c>/api/hsds</c>, for service
/// directories and referral tools: anonymous and read-only, since it holds public directory data only
/// (names, sectors, areas, counts; nothing about a citizen). Field mapping: <see cref="HsdsMapper"/>;
/// reads: <see cref="HsdsDirectory"/>. Errors are problem+json in the request's language, as everywhere.</summary>
public sealed class HsdsFunctions(HsdsDirectory directory, Texts texts, PublicUrls urls)
{
    private const string Reason = "public service directory (Open Referral HSDS): no personal data";

    /// <summary><c>GET /api/hsds</c>: <c>{version, profile, openapi_url}</c>, the OpenAPI URL absolute under
    /// the host the caller used (or the configured public base URL).</summary>
    [Function(nameof(GetHsdsApiInfo))]
    [PublicEndpoint(Reason)]
    public IActionResult GetHsdsApiInfo([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hsds")] HttpRequest request) =>
        new OkObjectResult(HsdsApiInfo.For(urls.For(request, "/api/openapi.json")));

    /// <summary><c>GET /api/hsds/organizations?page=&amp;per_page=</c>: a page of organizations, without their services.</summary>
    [Function(nameof(ListHsdsOrganizations))]
    [PublicEndpoint(Reason)]
    public async Task<IActionResult> ListHsdsOrganizations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hsds/organizations")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = await directory.ListOrganizationsAsync(request.Query["page"], request.Query["per_page"], RequestLanguage.Of(request), cancellationToken);
        return OutcomeResults.Answer(request, page, texts, found => new OkObjectResult(found));
    }

    /// <summary><c>GET /api/hsds/organizations/{id}</c>: one organization with its services (404 for an unknown id).</summary>
    [Function(nameof(GetHsdsOrganization))]
    [PublicEndpoint(Reason)]
    public async Task<IActionResult> GetHsdsOrganization(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hsds/organizations/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var organization = await directory.FindOrganizationAsync(id, cancellationToken);
        return OutcomeResults.Answer(request, organization, texts, found => new OkObjectResult(found));
    }

    /// <summary><c>GET /api/hsds/services?page=&amp;per_page=</c>: a page of services with their areas and live capacity.</summary>
    [Function(nameof(ListHsdsServices))]
    [PublicEndpoint(Reason)]
    public async Task<IActionResult> ListHsdsServices(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hsds/services")] HttpRequest request, CancellationToken cancellationToken)
    {
        var page = await directory.ListServicesAsync(request.Query["page"], request.Query["per_page"], RequestLanguage.Of(request), cancellationToken);
        return OutcomeResults.Answer(request, page, texts, found => new OkObjectResult(found));
    }

    /// <summary><c>GET /api/hsds/services/{id}</c>: one service (404 for an unknown id).</summary>
    [Function(nameof(GetHsdsService))]
    [PublicEndpoint(Reason)]
    public async Task<IActionResult> GetHsdsService(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "hsds/services/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var service = await directory.FindServiceAsync(id, cancellationToken);
        return OutcomeResults.Answer(request, service, texts, found => new OkObjectResult(found));
    }
}
