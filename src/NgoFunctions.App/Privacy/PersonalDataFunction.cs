using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Privacy;
using NgoFunctions.Core.Requests;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.Privacy;

/// <summary>The holder of a tracking code erases that request's personal data (name, phone,
/// description, Telegram chat, feedback comment, NGO notes), through the API or the status page's form.
/// The request itself goes on: an NGO holding it is told the contact details were withdrawn.</summary>
public sealed class PersonalDataFunction(PersonalDataEraser eraser, Texts texts, RequestStatusQuery statuses, ErasurePage page)
{
    /// <summary><c>DELETE /api/requests/{trackingCode}/personal-data</c>: 204 once erased (also when it was
    /// already), 404 problem+json for an unknown or malformed code. The tracking code is the only key, as
    /// for the status page.</summary>
    [Function(nameof(ErasePersonalData))]
    [PublicEndpoint("the tracking code is the citizen's key to their request")]
    public async Task<IActionResult> ErasePersonalData(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "requests/{trackingCode}/personal-data")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        var outcome = TrackingCode.TryParse(trackingCode, out var code)
            ? await eraser.EraseRequestAsync(code.Value.Value, ErasureReason.Citizen, "citizen", cancellationToken)
            : ErasureOutcome.NotFound;
        return outcome == ErasureOutcome.NotFound
            ? Problems.NotFound(request, texts.Get("page.notfound", RequestLanguage.Of(request)))
            : new NoContentResult();
    }

    /// <summary><c>POST /api/requests/{trackingCode}/personal-data/erase[?lang=en]</c>, the status page's
    /// form (HTML forms cannot send DELETE): <c>application/x-www-form-urlencoded</c> with
    /// <c>confirm=yes</c>. Always answers an HTML page, not stored by any cache: 200 saying the data is
    /// erased (also when it was already); 400, the form again with a message, when the box was not ticked
    /// (nothing erased); 404 for an unknown or malformed code.</summary>
    [Function(nameof(ErasePersonalDataFromPage))]
    [PublicEndpoint("the tracking code is the citizen's key to their request")]
    public async Task<IActionResult> ErasePersonalDataFromPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "requests/{trackingCode}/personal-data/erase")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken)
    {
        var language = RequestLanguage.OfPage(request);
        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return page.RenderNotFound(language, trackingCode);
        }

        if (!await ConfirmedAsync(request, cancellationToken))
        {
            return await statuses.FindAsync(code.Value.Value, cancellationToken) is null
                ? page.RenderNotFound(language, trackingCode)
                : page.RenderUnconfirmed(language, code.Value);
        }

        return await eraser.EraseRequestAsync(code.Value.Value, ErasureReason.Citizen, "citizen", cancellationToken) == ErasureOutcome.NotFound
            ? page.RenderNotFound(language, trackingCode)
            : page.RenderErased(language, code.Value);
    }

    // Only a form post with the box ticked confirms; any other body (or none) does not.
    private static async Task<bool> ConfirmedAsync(HttpRequest request, CancellationToken cancellationToken) =>
        RequestLanguage.IsForm(request)
        && (await BodyReader.ReadFormAsync(request, cancellationToken)).Value is { } form
        && form[ErasurePage.ConfirmField] == ErasurePage.ConfirmValue;
}
