using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.Intake;

/// <summary><c>POST /api/requests</c>: a service request from the form (urlencoded) or as JSON.
/// 202 with the tracking code and a <c>Location</c> to its status; 200 <c>{"duplicate": true, "message"}</c>
/// when the same phone number already has an open request for the sector, without that request's code
/// (a phone number proves nobody; a browser gets a page saying so); 400 problem+json naming each bad field (a browser gets the form again,
/// with the messages); 429 problem+json with <c>Retry-After</c> over a limit (a browser gets the form
/// again, saying so).</summary>
public sealed class SubmitRequestFunction(
    ServiceRequestIntake intake, Texts texts, RequestFormPage form, ConfirmationPage confirmation, IOptions<IntakeLimitOptions> limits, PublicUrls urls)
{
    /// <summary>Accepts a service request.</summary>
    [Function(nameof(SubmitRequest))]
    [PublicEndpoint("citizens ask for help without an account; intake limits and duplicate checks apply")]
    public async Task<IActionResult> SubmitRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "requests")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await SubmissionReader.ReadAsync(request, cancellationToken);
        if (body.Value is not { } submission)
        {
            var language = LanguageCodes.TryParse(body.Language, out var asked) ? asked : RequestLanguage.Of(request);
            return Problems.Body(request, body, texts, language);
        }

        submission = submission with { FallbackLanguage = RequestLanguage.Of(request), ClientAddress = ClientAddress.Of(request, limits.Value) };
        var html = RequestLanguage.WantsHtml(request);
        switch (await intake.SubmitAsync(submission, cancellationToken))
        {
            case IntakeResult.Accepted accepted:
                var location = StatusUrl(request, accepted.TrackingCode);
                request.HttpContext.Response.Headers.Location = location;
                return html
                    ? confirmation.Render(submission.ReplyLanguage, accepted.TrackingCode)
                    : new AcceptedResult(location, new { trackingCode = accepted.TrackingCode.ToString(), status = accepted.Status.ToString(), statusUrl = location });
            // A phone number proves nobody: the open request's code (the key to its status and to erasing
            // it) is not given to whoever typed the number, only the fact that it exists.
            case IntakeResult.Duplicate:
                return html
                    ? confirmation.RenderAlreadyOpen(submission.ReplyLanguage)
                    : new OkObjectResult(new { duplicate = true, message = texts.Get("confirm.duplicate.text", submission.ReplyLanguage) });
            case IntakeResult.Limited limited:
                request.HttpContext.Response.Headers.RetryAfter = Math.Ceiling(limited.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                var title = limited.Limit == IntakeLimit.Phone
                    ? texts.Get("problem.limit.phone", limited.Language, limited.Allowed)
                    : texts.Get("problem.limit.address", limited.Language);
                return html
                    ? form.Render(limited.Language, submission, alert: title, statusCode: StatusCodes.Status429TooManyRequests)
                    : Problems.TooManyRequests(request, title, limited.Limit);
            case IntakeResult.Rejected rejected when html:
                return form.Render(rejected.Language, submission, rejected.Errors, StatusCodes.Status400BadRequest);
            case IntakeResult.Rejected rejected:
                return Problems.Validation(request, texts, rejected.Language, rejected.Errors);
            default:
                throw new InvalidOperationException("Unknown intake result.");
        }
    }

    private string StatusUrl(HttpRequest request, TrackingCode code) =>
        urls.For(request, $"{request.Path.Value!.TrimEnd('/')}/{code.Value}");
}
