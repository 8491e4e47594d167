using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Telegram.MiniApp;

namespace NgoFunctions.App.Telegram;

/// <summary>The Telegram Mini App form: <c>GET /api/miniapp</c> serves the page
/// (<see cref="MiniAppPage"/>); <c>POST /api/miniapp/requests</c> takes the JSON of
/// <c>POST /api/requests</c> plus <c>initData</c>, the raw string Telegram hands the page. Answers:
/// 202 <c>{trackingCode, status, statusUrl}</c> (the chat is told the code too), 200
/// <c>{duplicate, message}</c> for a phone number's open request of the sector; 401 problem+json when
/// <c>initData</c> is missing, forged, stale (<c>Telegram:MiniAppMaxAgeSeconds</c>) or not from a private
/// chat, or no bot token is configured, nothing stored; 400 naming each bad field; 409 when the chat
/// has reached its limits (<c>Telegram:MaxOpenRequestsPerChat</c>, <c>MaxNewRequestsPerDay</c>); 429 over
/// the phone's limit. All in the body's <c>language</c>, else the caller's.</summary>
public sealed class MiniAppFunctions(MiniAppPage page, MiniAppInitData initData, MiniAppIntake intake, Texts texts, PublicUrls urls)
{
    /// <summary>Serves the Mini App page.</summary>
    [Function(nameof(MiniAppForm))]
    [PublicEndpoint("the Telegram Mini App form; what it posts must carry Telegram-signed initData")]
    public IActionResult MiniAppForm([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "miniapp")] HttpRequest request) =>
        page.Render(RequestLanguage.OfPage(request));

    /// <summary>Takes a service request from the Mini App.</summary>
    [Function(nameof(SubmitMiniAppRequest))]
    [PublicEndpoint("citizens in Telegram; the caller is proven by the initData Telegram signed with the bot token")]
    public async Task<IActionResult> SubmitMiniAppRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "miniapp/requests")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, init) = await BodyReader.ReadJsonWithFieldAsync<SubmitServiceRequest>(request, "initData", cancellationToken);
        var fallback = LanguageCodes.TryParse(body.Language ?? body.Value?.Language, out var asked) ? asked : RequestLanguage.Of(request);
        if (body.Error is BodyError.TooLarge or BodyError.Unreadable)
        {
            return Problems.Body(request, body, texts, fallback);
        }

        // Who is asking comes first: without a Telegram-signed opening nothing else is looked at.
        if (initData.Check(init) is not { Launch: { } launch })
        {
            return Problems.Status(request, StatusCodes.Status401Unauthorized, texts.Get("miniapp.unauthorized", fallback));
        }

        if (body.Value is not { } submission)
        {
            return Problems.Body(request, body, texts, fallback);
        }

        submission = submission with { FallbackLanguage = RequestLanguage.Of(request) };
        var language = submission.ReplyLanguage;
        var outcome = await intake.SubmitAsync(launch, submission, cancellationToken);
        return OutcomeResults.Answer(request, outcome, texts, language, receipt => IntakeAnswers.Json(request, receipt, texts, language, urls));
    }
}
