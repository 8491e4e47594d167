using System.Globalization;
using System.Text;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Requests;
using static NgoFunctions.App.Pages.Html;

namespace NgoFunctions.App.Pages;

/// <summary>The status page for a tracking code (HTML twin of the JSON status answer). A sensitive
/// request's page shows its code, status and timeline only, and says why. A resolved request's page asks
/// "did you get the help you needed?" with a Yes and a No button (posting to
/// <c>POST /api/requests/{trackingCode}/confirmation</c>).</summary>
public sealed class StatusPage(Texts texts, SectorCatalogue sectors, LocationCatalogue locations)
{
    /// <summary>The page for <paramref name="view"/>, or the not-found page (404) when it is <c>null</c>.
    /// With <paramref name="refusal"/> (already in <paramref name="language"/>), the page says above all else
    /// why the answer just posted was not taken, answered with <paramref name="statusCode"/>.</summary>
    public PageResult Render(Language language, string requestedCode, RequestStatusView? view, string? refusal = null, int statusCode = 200)
    {
        string T(string key) => texts.Get(key, language);
        var other = $"{Uri.EscapeDataString(requestedCode)}?lang={(language == Language.Ar ? "en" : "ar")}";
        if (view is null)
        {
            return Page(texts, language, T("page.status.heading"), $"<h1>{E(T("page.status.heading"))}</h1><p class=\"error\">{E(T("page.notfound"))}</p>", other, 404);
        }

        var b = new StringBuilder().Append($"<h1>{E(T("page.status.heading"))}</h1>");
        if (refusal is not null)
        {
            b.Append($"<p class=\"error\" role=\"alert\" id=\"closure-refused\">{E(refusal)}</p>");
        }

        b.Append("<table>")
            .Append($"<tr><th>{E(T("page.status.code"))}</th><td class=\"code\">{E(view.TrackingCode)}</td></tr>")
            .Append($"<tr><th>{E(T("page.status.status"))}</th><td id=\"status\">{E(T("status." + view.Status))}</td></tr>");
        if (!view.Sensitive)
        {
            var place = string.Join(" / ", new[] { view.Governorate, view.District, view.SubDistrict }
                .Where(p => p is not null).Select(p => locations.Find(p)?.Name.In(language) ?? p));
            b.Append($"<tr><th>{E(T("page.status.sector"))}</th><td>{E(sectors.Find(view.Sector)?.Name.In(language) ?? view.Sector)}</td></tr>")
                .Append($"<tr><th>{E(T("page.status.location"))}</th><td>{E(place)}</td></tr>");
        }

        if (view.Ngo is not null)
        {
            b.Append($"<tr><th>{E(T("page.status.ngo"))}</th><td>{E(view.Ngo.Name.In(language))}</td></tr>");
        }

        b.Append("</table>");
        if (view.Sensitive)
        {
            b.Append($"<p id=\"sensitive\">{E(T("page.status.sensitive"))}</p>");
        }

        if (view.NeedsAttention)
        {
            b.Append($"<p>{E(T("page.status.attention"))}</p>");
        }

        if (view.Status == nameof(RequestStatus.Resolved))
        {
            b.Append(ClosureQuestion(language, view.TrackingCode));
        }

        b.Append($"<h2>{E(T("page.status.timeline"))}</h2><ol>");
        foreach (var e in view.Events)
        {
            var label = Enum.TryParse<RequestStatus>(e.Type, out _) ? T("status." + e.Type) : texts.Find("event." + e.Type, language) ?? e.Type;
            b.Append($"<li><time datetime=\"{e.At:O}\">{E(e.At.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))}</time> — {E(label)}</li>");
        }

        b.Append("</ol>");
        var erase = $"{view.TrackingCode.Replace("-", string.Empty, StringComparison.Ordinal)}/personal-data/erase?lang={language.ToCode()}";
        b.Append(ErasurePage.Section(texts, language, erase, erased: view.Events.Any(e => e.Type == RequestChanges.ErasedEvent)));
        return Page(texts, language, T("page.status.heading"), b.ToString(), other, statusCode);
    }

    // "Did you get the help you needed?" with a Yes and a No button: a plain form (no script, as every page
    // here), posting received=true|false to the confirmation endpoint, which answers with this page again.
    private string ClosureQuestion(Language language, string displayCode)
    {
        string T(string key) => texts.Get(key, language);
        var action = $"{displayCode.Replace("-", string.Empty, StringComparison.Ordinal)}/confirmation?lang={language.ToCode()}";
        var field = Closure.RequestConfirmationFunction.ReceivedField;
        return $"<section id=\"closure\"><h2>{E(T("page.closure.question"))}</h2><p>{E(T("page.closure.explain"))}</p>" +
            $"<form method=\"post\" action=\"{E(action)}\" accept-charset=\"utf-8\">" +
            $"<button type=\"submit\" name=\"{field}\" value=\"true\" id=\"closure-yes\">{E(T("page.closure.yes"))}</button> " +
            $"<button type=\"submit\" name=\"{field}\" value=\"false\" id=\"closure-no\">{E(T("page.closure.no"))}</button></form></section>";
    }
}
