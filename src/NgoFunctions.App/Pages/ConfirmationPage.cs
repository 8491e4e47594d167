using Microsoft.AspNetCore.Mvc;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using static NgoFunctions.App.Pages.Html;

namespace NgoFunctions.App.Pages;

/// <summary>The page a citizen sees after a valid form post: the tracking code, big, and a link to follow it.</summary>
public sealed class ConfirmationPage(Texts texts)
{
    /// <summary>The page, with status 202 (the request is queued, not yet routed), not stored by any
    /// cache: the tracking code opens the request's status.</summary>
    public PageResult Render(Language language, TrackingCode code)
    {
        string T(string key) => texts.Get(key, language);
        var heading = T("confirm.heading");
        var body =
            $"<h1>{E(heading)}</h1><p>{E(T("confirm.code"))}</p>" +
            $"<p class=\"code\" id=\"tracking-code\">{E(code.ToString())}</p><p>{E(T("confirm.keep"))}</p>" +
            $"<p><a href=\"requests/{code.Value}?lang={language.ToCode()}\">{E(T("confirm.track"))}</a></p>";
        return Page(texts, language, heading, body, $"requests/{code.Value}?lang={(language == Language.Ar ? "en" : "ar")}", 202, "no-store");
    }

    /// <summary>Status 200, nothing new made: the same phone number already has an open request for this
    /// need. Its code is not shown (a phone number proves nobody); the citizen follows it with the code
    /// they were given then.</summary>
    public PageResult RenderAlreadyOpen(Language language)
    {
        var heading = texts.Get("confirm.duplicate.heading", language);
        var body = $"<h1>{E(heading)}</h1><p>{E(texts.Get("confirm.duplicate.text", language))}</p>" +
            $"<p><a href=\"form?lang={language.ToCode()}\">{E(texts.Get("confirm.duplicate.back", language))}</a></p>";
        return Page(texts, language, heading, body, $"form?lang={(language == Language.Ar ? "en" : "ar")}", 200, "no-store");
    }
}
