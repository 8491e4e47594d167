using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.App.Http;

/// <summary>The JSON answer of every intake endpoint to a request intake took (the form's API and the
/// Mini App): 202 <c>{"trackingCode","status","statusUrl"}</c> with a <c>Location</c> to the status; 200
/// <c>{"duplicate": true, "message"}</c> when the phone number already has an open request of the
/// sector, without that request's code (a phone number proves nobody).</summary>
public static class IntakeAnswers
{
    /// <summary>The answer to <paramref name="receipt"/>, its message in <paramref name="language"/>.</summary>
    public static IActionResult Json(HttpRequest request, IntakeReceipt receipt, Texts texts, Language language, PublicUrls urls)
    {
        if (receipt.Duplicate)
        {
            return new OkObjectResult(new { duplicate = true, message = texts.Get("confirm.duplicate.text", language) });
        }

        var location = StatusUrl(request, receipt.TrackingCode, urls);
        request.HttpContext.Response.Headers.Location = location;
        return new AcceptedResult(location, new { trackingCode = receipt.TrackingCode.ToString(), status = receipt.Status.ToString(), statusUrl = location });
    }

    /// <summary>The public address of the request's status, <c>/api/requests/{code}</c>.</summary>
    public static string StatusUrl(HttpRequest request, TrackingCode code, PublicUrls urls) =>
        urls.For(request, $"/api/requests/{code.Value}");
}
