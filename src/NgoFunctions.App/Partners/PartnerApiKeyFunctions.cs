using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Partners;

namespace NgoFunctions.App.Partners;

/// <summary>The Open311 partners' API keys, admin key only (<c>X-Api-Key</c>), under
/// <c>/api/registry/partners/{id}/keys</c>, mirroring the NGO keys: a key is shown once, when issued; only
/// its SHA-256 is kept. A partner exists through its keys, so issuing the first one names it.</summary>
public sealed class PartnerApiKeyFunctions(PartnerApiKeys keys, Texts texts)
{
    /// <summary><c>POST /api/registry/partners/{id}/keys</c>: 201 with <c>{partnerId, keyId, key, createdAt}</c>;
    /// 404 for an id that is not 3-40 of a-z, 0-9 and '-'.</summary>
    [Function(nameof(IssuePartnerApiKey))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> IssuePartnerApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registry/partners/{id}/keys")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await keys.IssueAsync(id, cancellationToken) is not { } issued)
        {
            return Problems.NotFound(request, texts.Get("partner.notfound", RequestLanguage.Of(request)));
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(issued) { StatusCode = StatusCodes.Status201Created };
    }

    /// <summary><c>GET /api/registry/partners/{id}/keys</c>: <c>[{keyId, createdAt, revokedAt, revoked}]</c>,
    /// oldest first; 404 for a partner without keys.</summary>
    [Function(nameof(ListPartnerApiKeys))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> ListPartnerApiKeys(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registry/partners/{id}/keys")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        return await keys.ListAsync(id, cancellationToken) is { } list
            ? new OkObjectResult(list)
            : Problems.NotFound(request, texts.Get("partner.notfound", RequestLanguage.Of(request)));
    }

    /// <summary><c>DELETE /api/registry/partners/{id}/keys/{keyId}</c>: 204 (also when revoked before); 404
    /// when the partner has no such key.</summary>
    [Function(nameof(RevokePartnerApiKey))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> RevokePartnerApiKey(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "registry/partners/{id}/keys/{keyId}")] HttpRequest request,
        string id,
        string keyId,
        CancellationToken cancellationToken)
    {
        return await keys.RevokeAsync(id, keyId, cancellationToken) == KeyRevocation.NotFound
            ? Problems.NotFound(request, texts.Get("partner.key.notfound", RequestLanguage.Of(request)))
            : new NoContentResult();
    }
}
