using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Security;
using NgoFunctions.Core.Telegram.Groups;

namespace NgoFunctions.App.Telegram;

/// <summary><c>POST /api/registry/ngos/{id}/telegram-link</c> (admin key): a one-time code, valid 24
/// hours, that binds the NGO's Telegram group when a member sends <c>/link CODE</c> there.
/// 201 <c>{code, expiresAt}</c>; 404 for an unknown NGO.</summary>
public sealed class NgoGroupLinkFunction(NgoGroupLinks links, NgoRegistry registry, ApiKeyVerifier keys, Texts texts)
{
    /// <summary>Issues a link code.</summary>
    [Function(nameof(IssueTelegramLink))]
    public async Task<IActionResult> IssueTelegramLink(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registry/ngos/{id}/telegram-link")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (!AdminKey.IsPresentedIn(request, keys))
        {
            return Problems.Unauthorized(request, texts);
        }

        if (await registry.FindAsync(id, cancellationToken) is null)
        {
            return Problems.NotFound(request, texts.Get("problem.ngo.notFound", RequestLanguage.Of(request)));
        }

        var (code, expiresAt) = await links.IssueAsync(id, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new ObjectResult(new { code, expiresAt }) { StatusCode = StatusCodes.Status201Created };
    }
}
