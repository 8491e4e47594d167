using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.App.Intake;

/// <summary><c>POST /api/requests</c>: a service request from the form (urlencoded) or as JSON.
/// 202 with the tracking code and a <c>Location</c> to its status; 400 problem+json naming each bad
/// field (a browser gets the form again, with the messages).</summary>
public sealed class SubmitRequestFunction(ServiceRequestIntake intake, Texts texts, RequestFormPage form, ConfirmationPage confirmation)
{
    /// <summary>Accepts a service request.</summary>
    [Function(nameof(SubmitRequest))]
    public async Task<IActionResult> SubmitRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "requests")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await SubmissionReader.ReadAsync(request, cancellationToken);
        if (body.Value is not { } submission)
        {
            var language = LanguageCodes.TryParse(body.Language, out var asked) ? asked : RequestLanguage.Of(request);
            return Problems.Body(request, body, texts, language);
        }

        submission = submission with { FallbackLanguage = RequestLanguage.Of(request) };
        var html = RequestLanguage.WantsHtml(request);
        switch (await intake.SubmitAsync(submission, cancellationToken))
        {
            case IntakeResult.Accepted accepted:
                var location = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{accepted.TrackingCode.Value}";
                request.HttpContext.Response.Headers.Location = location;
                return html
                    ? confirmation.Render(submission.ReplyLanguage, accepted.TrackingCode)
                    : new AcceptedResult(location, new { trackingCode = accepted.TrackingCode.ToString(), status = accepted.Status.ToString(), statusUrl = location });
            case IntakeResult.Rejected rejected when html:
                return form.Render(rejected.Language, submission, rejected.Errors, StatusCodes.Status400BadRequest);
            case IntakeResult.Rejected rejected:
                return Problems.Validation(request, texts, rejected.Language, rejected.Errors);
            default:
                throw new InvalidOperationException("Unknown intake result.");
        }
    }
}
