using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Privacy;

namespace NgoFunctions.App.Privacy;

/// <summary>The holder of a tracking code erases that request's personal data (name, phone,
/// description, Telegram chat, feedback comment, NGO notes). The request itself goes on: an NGO holding
/// it is told the contact details were withdrawn.</summary>
public sealed class PersonalDataFunction(PersonalDataEraser eraser, Texts texts)
{
    /// <summary><c>DELETE /api/requests/{trackingCode}/personal-data</c>: 204 once erased (also when it was
    /// already), 404 problem+json for an unknown or malformed code. The tracking code is the only key, as
    /// for the status page.</summary>
    [Function(nameof(ErasePersonalData))]
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
}
