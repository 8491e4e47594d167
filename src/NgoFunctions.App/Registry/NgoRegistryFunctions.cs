using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Registry;

namespace NgoFunctions.App.Registry;

/// <summary>The NGO registry API, admin key only (<c>X-Api-Key</c>). Routes live under
/// <c>/api/registry</c> because the Functions host reserves every route that starts with <c>admin</c>.</summary>
public sealed class NgoRegistryFunctions(NgoRegistry registry, Texts texts, PublicUrls urls)
{
    /// <summary><c>PUT /api/registry/ngos/{id}</c>: creates (201) or replaces (200) an NGO.</summary>
    [Function(nameof(PutNgo))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> PutNgo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "registry/ngos/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var read = await BodyReader.ReadJsonAsync<NgoRegistration>(request, cancellationToken);
        if (read.Value is not { } body)
        {
            return Problems.Body(request, read, texts, language);
        }

        try
        {
            var saved = await registry.UpsertAsync(body with { Id = id, Language = language, Name = body.Name ?? new() }, cancellationToken);
            return OutcomeResults.Answer(request, saved, texts, language, ngo => ngo.Created
                ? new CreatedResult(urls.For(request, request.Path.Value!), ngo.Ngo)
                : new OkObjectResult(ngo.Ngo));
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return Problems.Status(request, StatusCodes.Status409Conflict, texts.Get("problem.ngo.conflict", language));
        }
    }

    /// <summary><c>GET /api/registry/ngos/{id}</c>: one NGO, <c>{id, name:{ar,en}, sectors, coverage, capacity, active, handlesSensitive}</c>.</summary>
    [Function(nameof(GetNgo))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> GetNgo(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registry/ngos/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        return await registry.FindAsync(id, cancellationToken) is { } ngo
            ? new OkObjectResult(ngo)
            : Problems.NotFound(request, texts.Get("problem.ngo.notFound", RequestLanguage.Of(request)));
    }

    /// <summary><c>GET /api/registry/ngos</c>: every NGO, by id.</summary>
    [Function(nameof(ListNgos))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> ListNgos(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registry/ngos")] HttpRequest request, CancellationToken cancellationToken)
    {
        return new OkObjectResult(await registry.ListAsync(cancellationToken));
    }
}
