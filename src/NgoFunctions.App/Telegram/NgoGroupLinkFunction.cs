using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Telegram.Groups;

namespace NgoFunctions.App.Telegram;

/// <summary>The NGO's Telegram group, admin key only (<c>X-Api-Key</c>, 401 otherwise), beside the
/// registry: <c>POST /api/registry/ngos/{id}/telegram-link</c> issues a one-time code, valid 24 hours,
/// that binds the NGO's group when a member sends <c>/link CODE</c> there (replacing the group the NGO
/// had); <c>DELETE /api/registry/ngos/{id}/telegram-group</c> unlinks it. 404 problem for an unknown NGO.</summary>
public sealed class NgoGroupLinkFunction(NgoGroupLinks links, NgoGroupDesk groups, NgoRegistry registry, Texts texts)
{
    /// <summary>Issues a link code: 201 <c>{code, expiresAt}</c> (UTC), <c>Cache-Control: no-store</c>.</summary>
    [Function(nameof(IssueTelegramLink))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> IssueTelegramLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registry/ngos/{id}/telegram-link")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound(request, texts.Get("problem.ngo.notFound", RequestLanguage.Of(request)));
        }

        var (code, expiresAt) = await links.IssueAsync(id, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(new { code, expiresAt }) { StatusCode = StatusCodes.Status201Created };
    }

    /// <summary>Unlinks the NGO's group: it can no longer act on the NGO's cases and receives no more
    /// posts, and is told so (best effort). 204, also when no group was linked (idempotent).</summary>
    [Function(nameof(UnlinkTelegramGroup))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> UnlinkTelegramGroup(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "registry/ngos/{id}/telegram-group")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        return await groups.UnlinkAsync(id, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound(request, texts.Get("problem.ngo.notFound", RequestLanguage.Of(request)));
    }
}
