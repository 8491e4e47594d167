using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Closure;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Requests;

namespace NgoFunctions.App.Closure;

/// <summary><c>POST /api/requests/{trackingCode}/confirmation</c>: the citizen answers "did you get the
/// help you needed?" for a resolved request (<see cref="ClosureConfirmation"/>). JSON
/// <c>{"received": true|false}</c> answers 200 <c>{trackingCode, received, status, needsAttention}</c>
/// (also for the same answer again), 400 problem+json naming <c>received</c> when it is missing or not a
/// boolean, 404 for an unknown or malformed code, 409 when the request is not waiting for this answer.
/// The status page's form (<c>received=true|false</c>, urlencoded) is answered 303 back to the status
/// page, which shows what changed; 404 as the status page's own; an answer that is neither (400) or that
/// the request no longer waits for (409, a page left open) gets the status page again, saying why.</summary>
public sealed class RequestConfirmationFunction(ClosureConfirmation closure, Texts texts, StatusPage page, RequestStatusQuery status, PublicUrls urls)
{
    /// <summary>The form field and the JSON property that carry the answer.</summary>
    public const string ReceivedField = "received";

    /// <summary>Records the citizen's answer.</summary>
    [Function(nameof(ConfirmRequestClosure))]
    [PublicEndpoint("the tracking code is the citizen's key to their request")]
    public async Task<IActionResult> ConfirmRequestClosure(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "requests/{trackingCode}/confirmation")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken)
    {
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        if (RequestLanguage.IsForm(request))
        {
            return await FromPageAsync(request, trackingCode, cancellationToken);
        }

        var language = RequestLanguage.Of(request);
        var read = await BodyReader.ReadJsonAsync<ConfirmationBody>(request, cancellationToken);
        var wrongType = read.Error == BodyError.WrongType && read.Field == ReceivedField;
        if (read.Value is null && !wrongType)
        {
            return Problems.Body(request, read, texts, language);
        }

        // Missing, null or not a boolean ("false", 0): the same words, which say what is wanted.
        if (read.Value?.Received is not { } received)
        {
            return Problems.Validation(request, texts, language, new Dictionary<string, string[]>
            {
                [ReceivedField] = [texts.Get("closure.validation.received", language)],
            });
        }

        return OutcomeResults.Answer(request, await closure.AnswerAsync(trackingCode, received, cancellationToken), texts, language, answer => new OkObjectResult(answer));
    }

    // A form post from the status page: the answer goes through the same service, then back to the page.
    private async Task<IActionResult> FromPageAsync(HttpRequest request, string trackingCode, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.OfPage(request);
        var form = (await BodyReader.ReadFormAsync(request, cancellationToken)).Value;
        bool? received = form?[ReceivedField].ToString() switch
        {
            "true" => true,
            "false" => false,
            _ => null,
        };
        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return page.Render(language, trackingCode, view: null);
        }

        var outcome = received is { } answer ? await closure.AnswerAsync(trackingCode, answer, cancellationToken) : null;
        var refusal = outcome switch
        {
            null => (Text: texts.Get("page.closure.invalid", language), Status: StatusCodes.Status400BadRequest),
            Outcome<ClosureAnswer>.Conflict conflict => (Text: texts.Get(conflict.Title, language), Status: StatusCodes.Status409Conflict),
            _ => default,
        };
        if (outcome is Outcome<ClosureAnswer>.NotFound || refusal.Text is not null)
        {
            return page.Render(language, trackingCode, await status.FindAsync(trackingCode, cancellationToken), refusal.Text, refusal.Status);
        }

        // The answer was taken (or was the same again): the page shows the request as it is now, 303, so the
        // browser reads it with GET and a reload posts nothing again.
        var path = request.Path.Value!;
        var requests = path[..(path.LastIndexOf("/requests/", StringComparison.Ordinal) + "/requests/".Length)];
        request.HttpContext.Response.Headers.Location = urls.For(request, $"{requests}{code.Value.Value}?lang={language.ToCode()}");
        return new StatusCodeResult(StatusCodes.Status303SeeOther);
    }

    // The JSON body; a missing "received" is null (answered 400), a non-boolean one is a wrong type.
    private sealed record ConfirmationBody(bool? Received);
}
