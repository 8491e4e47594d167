using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;

namespace NgoFunctions.App.NgoActions;

/// <summary>The NGOs' API keys, admin key only (<c>X-Api-Key</c>), beside the registry under
/// <c>/api/registry/ngos/{id}/keys</c>. A key is shown once, when issued; only its SHA-256 is kept.</summary>
public sealed class NgoApiKeyFunctions(NgoApiKeys keys, Texts texts)
{
    /// <summary><c>POST /api/registry/ngos/{id}/keys</c>: 201 with <c>{ngoId, keyId, key, createdAt}</c>; 404 for an unknown NGO.</summary>
    [Function(nameof(IssueNgoApiKey))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> IssueNgoApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registry/ngos/{id}/keys")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await keys.IssueAsync(id, cancellationToken) is not { } issued)
        {
            return Problems.NotFound(request, texts.Get("problem.ngo.notFound", RequestLanguage.Of(request)));
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(issued) { StatusCode = StatusCodes.Status201Created };
    }

    /// <summary><c>GET /api/registry/ngos/{id}/keys</c>: <c>[{keyId, createdAt, revokedAt, revoked}]</c>, oldest first.</summary>
    [Function(nameof(ListNgoApiKeys))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> ListNgoApiKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registry/ngos/{id}/keys")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        return await keys.ListAsync(id, cancellationToken) is { } list
            ? new OkObjectResult(list)
            : Problems.NotFound(request, texts.Get("problem.ngo.notFound", RequestLanguage.Of(request)));
    }

    /// <summary><c>DELETE /api/registry/ngos/{id}/keys/{keyId}</c>: 204 (also when revoked before); 404 when the NGO has no such key.</summary>
    [Function(nameof(RevokeNgoApiKey))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> RevokeNgoApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "registry/ngos/{id}/keys/{keyId}")] HttpRequest request,
        string id,
        string keyId,
        CancellationToken cancellationToken)
    {
        return await keys.RevokeAsync(id, keyId, cancellationToken) == KeyRevocation.NotFound
            ? Problems.NotFound(request, texts.Get("ngo.key.notfound", RequestLanguage.Of(request)))
            : new NoContentResult();
    }
}
