using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
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
            return Problems.Body(request, body, texts, LanguageCodes.TryParse(body.Language, out var asked) ? asked : RequestLanguage.Of(request));
        }

        submission = submission with { FallbackLanguage = RequestLanguage.Of(request), ClientAddress = ClientAddress.Of(request, limits.Value) };
        var language = submission.ReplyLanguage;
        var html = RequestLanguage.WantsHtml(request);
        var outcome = await intake.SubmitAsync(submission, cancellationToken);
        // A browser is given the form again, with the messages, where an API client gets a problem.
        switch (outcome)
        {
            case Outcome<IntakeReceipt>.Rejected rejected when html:
                return form.Render(language, submission, rejected.Errors, StatusCodes.Status400BadRequest);
            case Outcome<IntakeReceipt>.Limited limited when html:
                OutcomeResults.SetRetryAfter(request, limited);
                return form.Render(language, submission, alert: OutcomeResults.LimitTitle(limited, texts, language), statusCode: StatusCodes.Status429TooManyRequests);
        }

        return OutcomeResults.Answer(request, outcome, texts, language, receipt => Receipt(request, receipt, language, html));
    }

    private IActionResult Receipt(HttpRequest request, IntakeReceipt receipt, Language language, bool html)
    {
        if (!html)
        {
            return IntakeAnswers.Json(request, receipt, texts, language, urls);
        }

        // A phone number proves nobody: the open request's code (the key to its status and to erasing
        // it) is not given to whoever typed the number, only the fact that it exists.
        if (receipt.Duplicate)
        {
            return confirmation.RenderAlreadyOpen(language);
        }

        request.HttpContext.Response.Headers.Location = IntakeAnswers.StatusUrl(request, receipt.TrackingCode, urls);
        return confirmation.Render(language, receipt.TrackingCode);
    }
}
