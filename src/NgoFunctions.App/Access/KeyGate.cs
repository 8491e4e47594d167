using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.App.Http;
using NgoFunctions.App.Open311;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Partners;
using NgoFunctions.Core.Security;

namespace NgoFunctions.App.Access;

/// <summary>The one key check of every protected HTTP function (<see cref="RequiresKeyAttribute"/>), run by
/// the worker's <see cref="RequiresKeyMiddleware"/> (and by the local host's in-process mode): the key in
/// <c>X-Api-Key</c> against the role's hashes (constant-time comparisons, <see cref="ApiKeyVerifier"/>) or,
/// for NGOs and Open311 partners, their hashed keys tables (<see cref="NgoApiKeys"/>, <see cref="PartnerApiKeys"/>).</summary>
public sealed class KeyGate(ApiKeyVerifier keys, NgoApiKeys ngoKeys, PartnerApiKeys partnerKeys, Texts texts)
{
    /// <summary>The header that carries API keys.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>Null when <paramref name="request"/> carries a key of <paramref name="role"/> (for an NGO,
    /// its <see cref="CallerNgo"/> is set on the request); else the refusal to answer with:
    /// 401 problem+json that says nothing about the key, or 403 problem+json for the right key of an NGO the
    /// registry marks inactive; for a partner, GeoReport v2's 403 error in the path's format (its key may come
    /// in the form's <c>api_key</c>, as the spec sends it). Storage failures of the NGO key lookup propagate (503 by the failure
    /// middleware).</summary>
    public async Task<IActionResult?> RefuseAsync(HttpRequest request, CallerRole role, CancellationToken cancellationToken)
    {
        var presented = request.Headers[Header].ToString();
        switch (role)
        {
            case CallerRole.Admin:
                return keys.IsAdmin(presented) ? null : Problems.Unauthorized(request, texts);
            case CallerRole.Ministry:
                // Both checks always run, so the time taken says nothing about which key was close.
                var ministry = keys.IsMinistry(presented);
                var admin = keys.IsAdmin(presented);
                return ministry | admin ? null : Problems.Unauthorized(request, texts);
            case CallerRole.Ngo:
                switch (await ngoKeys.AuthenticateAsync(presented, cancellationToken))
                {
                    case NgoKeyCheck.Valid valid:
                        request.HttpContext.Features.Set(new CallerNgo(valid.NgoId));
                        return null;
                    case NgoKeyCheck.Deactivated:
                        return Problems.Status(request, StatusCodes.Status403Forbidden, texts.Get("problem.ngo.inactive", RequestLanguage.Of(request)));
                    default:
                        return Problems.Unauthorized(request, texts);
                }

            case CallerRole.Partner:
                if (await partnerKeys.AuthenticateAsync(await PartnerKeyAsync(request, presented, cancellationToken), cancellationToken) is { } partnerId)
                {
                    request.HttpContext.Features.Set(new CallerPartner(partnerId));
                    return null;
                }

                return Open311Answers.Error(
                    Open311Formats.OfPath(request.Path.Value), StatusCodes.Status403Forbidden, texts.Get("open311.error.apiKey", RequestLanguage.Of(request)));
            default:
                throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown caller role.");
        }
    }

    // GeoReport v2 sends the key as a form field; the header wins when both are there. The form read here is
    // kept by ASP.NET Core, so the function reads it again without touching the body.
    private static async Task<string?> PartnerKeyAsync(HttpRequest request, string header, CancellationToken cancellationToken)
    {
        if (header.Length > 0 || !RequestLanguage.IsForm(request))
        {
            return header;
        }

        var form = await BodyReader.ReadFormAsync(request, cancellationToken);
        return form.Value?["api_key"].ToString();
    }
}
