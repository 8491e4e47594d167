using Microsoft.AspNetCore.Mvc;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using static NgoFunctions.App.Pages.Html;

namespace NgoFunctions.App.Pages;

/// <summary>The page a citizen sees after a valid form post: the tracking code, big, and a link to follow it.</summary>
public sealed class ConfirmationPage(Texts texts)
{
    /// <summary>The page, with status 202 (the request is queued, not yet routed), not stored by any
    /// cache: the tracking code opens the request's status. <paramref name="alreadyMade"/>: the open
    /// request the same phone number already had for this need, which the page says is the one made
    /// before (status 200: nothing new was made).</summary>
    public PageResult Render(Language language, TrackingCode code, bool alreadyMade = false)
    {
        string T(string key) => texts.Get(key, language);
        var heading = T(alreadyMade ? "confirm.duplicate.heading" : "confirm.heading");
        var body =
            $"<h1>{E(heading)}</h1><p>{E(T(alreadyMade ? "confirm.duplicate.text" : "confirm.code"))}</p>" +
            $"<p class=\"code\" id=\"tracking-code\">{E(code.ToString())}</p><p>{E(T("confirm.keep"))}</p>" +
            $"<p><a href=\"requests/{code.Value}?lang={language.ToCode()}\">{E(T("confirm.track"))}</a></p>";
        return Page(texts, language, heading, body, $"requests/{code.Value}?lang={(language == Language.Ar ? "en" : "ar")}", alreadyMade ? 200 : 202, "no-store");
    }
}
