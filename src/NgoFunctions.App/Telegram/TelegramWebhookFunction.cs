using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Telegram;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.Telegram;

/// <summary><c>POST /api/telegram/webhook</c>: Telegram's webhook. 401 without the right
/// <c>X-Telegram-Bot-Api-Secret-Token</c> (nothing stored); otherwise the update is queued and
/// acknowledged with 200 at once.</summary>
public sealed class TelegramWebhookFunction(TelegramWebhookIntake intake, Texts texts)
{
    /// <summary>Receives one update.</summary>
    [Function(nameof(TelegramWebhook))]
    [PublicEndpoint("Telegram calls it; its secret token header is checked in constant time instead")]
    public async Task<IActionResult> TelegramWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "telegram/webhook")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!intake.IsAuthentic(request.Headers[TelegramWebhookIntake.SecretHeader]))
        {
            return Problems.Status(request, StatusCodes.Status401Unauthorized, texts.Get("problem.webhook.secret", RequestLanguage.Of(request)));
        }

        using var reader = new StreamReader(request.Body);
        await intake.AcceptAsync(await reader.ReadToEndAsync(cancellationToken), cancellationToken);
        return new OkResult();
    }
}
