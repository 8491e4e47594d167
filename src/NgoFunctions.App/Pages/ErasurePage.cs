using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using static NgoFunctions.App.Pages.Html;

namespace NgoFunctions.App.Pages;

/// <summary>The citizen's erasure of a request's personal data on the web: the section of the status page
/// (an explanation and a form, with a checkbox that must be ticked, posting
/// <c>confirm=yes</c> to <c>POST /api/requests/{trackingCode}/personal-data/erase</c>), and the pages that
/// post answers. Plain HTML forms, no script, so it works without JavaScript under the pages' policy.
/// Every page here is sent with <c>Cache-Control: no-store</c>.</summary>
public sealed class ErasurePage(Texts texts)
{
    /// <summary>The form field that confirms the erasure, and its value when the box is ticked.</summary>
    public const string ConfirmField = "confirm";

    /// <summary>The value of <see cref="ConfirmField"/> when the box is ticked.</summary>
    public const string ConfirmValue = "yes";

    /// <summary>The status page's section (HTML): the form, or, once erased, a line that says so.
    /// <paramref name="action"/> is the form's target relative to the page it is on.</summary>
    public static string Section(Texts texts, Language language, string action, bool erased, bool unconfirmed = false)
    {
        string T(string key) => texts.Get(key, language);
        if (erased)
        {
            return $"<section id=\"erase\"><h2>{E(T("page.erase.heading"))}</h2><p id=\"erased\">{E(T("event.Erased"))}</p></section>";
        }

        var error = unconfirmed ? $"<div class=\"errors\" role=\"alert\" id=\"confirm-error\">{E(T("page.erase.required"))}</div>" : string.Empty;
        return
            $"<section id=\"erase\"><h2>{E(T("page.erase.heading"))}</h2><p>{E(T("page.erase.explain"))}</p>{error}" +
            $"<form method=\"post\" action=\"{E(action)}\" accept-charset=\"utf-8\">" +
            $"<label><input type=\"checkbox\" name=\"{ConfirmField}\" value=\"{ConfirmValue}\" required> {E(T("page.erase.confirm"))}</label>" +
            $"<button type=\"submit\">{E(T("page.erase.submit"))}</button></form></section>";
    }

    /// <summary>The form again, with the message that the box was not ticked (400); nothing was erased.</summary>
    public PageResult RenderUnconfirmed(Language language, TrackingCode code)
    {
        var body = $"<h1>{E(texts.Get("page.status.heading", language))}</h1><p class=\"code\">{E(code.ToString())}</p>" +
            Section(texts, language, $"erase?lang={language.ToCode()}", erased: false, unconfirmed: true) +
            Back(language, code.Value);
        return Render(language, texts.Get("page.erase.heading", language), body, code.Value, 400);
    }

    /// <summary>The page that says the request's personal data is erased (200), also when it was already.</summary>
    public PageResult RenderErased(Language language, TrackingCode code)
    {
        var heading = texts.Get("page.erase.done.heading", language);
        var body = $"<h1>{E(heading)}</h1><p id=\"erased\">{E(texts.Get("page.erase.done", language, code.ToString()))}</p>" +
            $"<p class=\"code\">{E(code.ToString())}</p>" + Back(language, code.Value);
        return Render(language, heading, body, code.Value, 200);
    }

    /// <summary>No request has this code (404), in the status page's words.</summary>
    public PageResult RenderNotFound(Language language, string requestedCode)
    {
        var heading = texts.Get("page.status.heading", language);
        return Render(language, heading, $"<h1>{E(heading)}</h1><p class=\"error\">{E(texts.Get("page.notfound", language))}</p>", requestedCode, 404);
    }

    // These pages answer POST .../requests/{code}/personal-data/erase: the status page is two levels up.
    private string Back(Language language, string code) =>
        $"<p><a id=\"back\" href=\"../../{Uri.EscapeDataString(code)}?lang={language.ToCode()}\">{E(texts.Get("page.erase.back", language))}</a></p>";

    private PageResult Render(Language language, string title, string body, string code, int statusCode) =>
        Page(texts, language, title, body, $"../../{Uri.EscapeDataString(code)}?lang={(language == Language.Ar ? "en" : "ar")}", statusCode, "no-store");
}
