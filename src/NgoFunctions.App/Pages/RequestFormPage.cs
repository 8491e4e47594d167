using System.Text;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;
using static NgoFunctions.App.Pages.Html;

namespace NgoFunctions.App.Pages;

/// <summary>The citizen's request form, served at <c>GET /api/form</c> and again, filled in and with
/// the messages, when a form post is invalid. Works without JavaScript; a few lines of script only
/// narrow the district and sub-district lists to the chosen governorate and district. Its
/// "my request is sensitive" checkbox posts <c>sensitive=true</c>.</summary>
public sealed class RequestFormPage(Texts texts, SectorCatalogue sectors, LocationCatalogue locations)
{
    /// <summary>The page. <paramref name="values"/> and <paramref name="errors"/> (wire field → messages)
    /// refill it after an invalid post; <paramref name="statusCode"/> is 400 then. <paramref name="alert"/>
    /// is said at the top instead of asking for corrections (a limit reached, status 429).</summary>
    public PageResult Render(
        Language language, SubmitServiceRequest? values = null, IReadOnlyDictionary<string, string[]>? errors = null, int statusCode = 200, string? alert = null)
    {
        values ??= new SubmitServiceRequest { Urgency = "normal" };
        errors ??= new Dictionary<string, string[]>();
        string T(string key, params object[] args) => texts.Get(key, language, args);

        var b = new StringBuilder();
        b.Append($"<h1>{E(T("form.heading"))}</h1><p>{E(T("form.intro"))}</p>");
        if (alert is not null || errors.Count > 0)
        {
            b.Append($"<div class=\"errors\" role=\"alert\">{E(alert ?? T("form.errors"))}</div>");
        }

        b.Append("<form method=\"post\" action=\"requests\" accept-charset=\"utf-8\">");
        b.Append($"<input type=\"hidden\" name=\"language\" value=\"{language.ToCode()}\">");

        AppendFields(b, language, values, errors);
        b.Append($"<button type=\"submit\">{E(T("form.submit"))}</button></form>");
        b.Append("<script>").Append(DistrictFilterScript).Append("</script>");

        var other = language == Language.Ar ? "en" : "ar";
        return Page(texts, language, T("form.heading"), b.ToString(), $"form?lang={other}", statusCode);
    }

    /// <summary>The form's fields, sector to consent, into <paramref name="b"/>: each with its label, filled
    /// from <paramref name="values"/>, with the messages of <paramref name="errors"/> (wire field →
    /// messages) under it. The Mini App page asks the same questions with them.</summary>
    internal void AppendFields(StringBuilder b, Language language, SubmitServiceRequest values, IReadOnlyDictionary<string, string[]> errors)
    {
        string T(string key, params object[] args) => texts.Get(key, language, args);
        string Error(string field) => errors.TryGetValue(field, out var messages)
            ? $"<div class=\"error\" id=\"{field}-error\">{E(string.Join(" ", messages))}</div>"
            : string.Empty;
        string Selected(bool on) => on ? " selected" : string.Empty;
        string Checked(bool on) => on ? " checked" : string.Empty;

        b.Append($"<label for=\"sector\">{E(T("form.sector"))}</label><select id=\"sector\" name=\"sector\" required><option value=\"\">{E(T("form.choose"))}</option>");
        foreach (var s in sectors.All)
        {
            b.Append($"<option value=\"{s.Code}\"{Selected(values.Sector == s.Code)}>{E(s.Name.In(language))} — {E(s.Description.In(language))}</option>");
        }

        b.Append("</select>").Append(Error("sector"));

        b.Append($"<label for=\"governorate\">{E(T("form.governorate"))}</label><select id=\"governorate\" name=\"governorate\" required><option value=\"\">{E(T("form.choose"))}</option>");
        foreach (var g in locations.Governorates)
        {
            b.Append($"<option value=\"{g.PCode}\"{Selected(values.Governorate == g.PCode)}>{E(g.Name.In(language))}</option>");
        }

        b.Append("</select>").Append(Error("governorate"));

        b.Append($"<label for=\"district\">{E(T("form.district"))}</label><select id=\"district\" name=\"district\"><option value=\"\">{E(T("form.district.any"))}</option>");
        foreach (var g in locations.Governorates)
        {
            b.Append($"<optgroup label=\"{E(g.Name.In(language))}\" data-governorate=\"{g.PCode}\">");
            foreach (var d in locations.ChildrenOf(g.PCode))
            {
                b.Append($"<option value=\"{d.PCode}\"{Selected(values.District == d.PCode)}>{E(d.Name.In(language))}</option>");
            }

            b.Append("</optgroup>");
        }

        b.Append("</select>").Append(Error("district"));

        b.Append($"<label for=\"subDistrict\">{E(T("form.subDistrict"))}</label><select id=\"subDistrict\" name=\"subDistrict\"><option value=\"\">{E(T("form.subDistrict.any"))}</option>");
        foreach (var g in locations.Governorates)
        {
            foreach (var d in locations.ChildrenOf(g.PCode))
            {
                b.Append($"<optgroup label=\"{E(d.Name.In(language))}\" data-district=\"{d.PCode}\">");
                foreach (var s in locations.ChildrenOf(d.PCode))
                {
                    b.Append($"<option value=\"{s.PCode}\"{Selected(values.SubDistrict == s.PCode)}>{E(s.Name.In(language))}</option>");
                }

                b.Append("</optgroup>");
            }
        }

        b.Append("</select>").Append(Error("subDistrict"));

        b.Append($"<label for=\"description\">{E(T("form.description"))}</label>")
            .Append($"<textarea id=\"description\" name=\"description\" rows=\"5\" required minlength=\"{IntakeLimits.DescriptionMin}\" maxlength=\"{IntakeLimits.DescriptionMax}\" dir=\"auto\">{E(values.Description)}</textarea>")
            .Append($"<div class=\"hint\">{E(T("form.description.hint", IntakeLimits.DescriptionMin, IntakeLimits.DescriptionMax))}</div>")
            .Append(Error("description"));

        b.Append($"<fieldset><legend>{E(T("form.urgency"))}</legend>");
        foreach (var code in UrgencyLevels.Codes)
        {
            b.Append($"<label><input type=\"radio\" name=\"urgency\" value=\"{code}\"{Checked(string.Equals(values.Urgency, code, StringComparison.OrdinalIgnoreCase))}> {E(T("urgency." + code))}</label>");
        }

        b.Append("</fieldset>").Append(Error("urgency"));

        b.Append($"<fieldset><legend>{E(T("form.vulnerabilities"))}</legend>");
        foreach (var (code, label) in Vulnerabilities.All)
        {
            b.Append($"<label><input type=\"checkbox\" name=\"vulnerabilities\" value=\"{code}\"{Checked(values.Vulnerabilities.Contains(code))}> {E(label.In(language))}</label>");
        }

        b.Append("</fieldset>").Append(Error("vulnerabilities"));

        // The citizen's own "this is sensitive" (SensitiveCases), explained in plain words under it.
        b.Append($"<label><input type=\"checkbox\" id=\"sensitive\" name=\"sensitive\" value=\"true\" aria-describedby=\"sensitive-hint\"{Checked(values.Sensitive == true)}> 🔒 {E(T("form.sensitive"))}</label>")
            .Append($"<div class=\"hint\" id=\"sensitive-hint\">{E(T("form.sensitive.hint"))}</div>");

        b.Append($"<label for=\"name\">{E(T("form.name"))}</label><input type=\"text\" id=\"name\" name=\"name\" dir=\"auto\" maxlength=\"{IntakeLimits.NameMax}\" value=\"{E(values.Name)}\" autocomplete=\"name\">")
            .Append(Error("name"));
        b.Append($"<label for=\"phone\">{E(T("form.phone"))}</label><input type=\"tel\" id=\"phone\" name=\"phone\" dir=\"ltr\" value=\"{E(values.Phone)}\" autocomplete=\"tel\">")
            .Append(Error("phone"));
        b.Append($"<label><input type=\"checkbox\" name=\"consent\" value=\"true\" required{Checked(values.Consent == true)}> {E(T("form.consent"))}</label>")
            .Append(Error("consent"));
    }

    /// <summary>The form's one inline script (the text inside <c>&lt;script&gt;</c>; the page's policy
    /// allows it by its hash): shows only the districts of the chosen governorate and the sub-districts of
    /// the chosen district.</summary>
    internal const string DistrictFilterScript =
        "(function(){var g=document.getElementById('governorate'),d=document.getElementById('district'),s=document.getElementById('subDistrict');" +
        "function narrow(list,parent,key){for(var o of list.querySelectorAll('optgroup')){var on=!!parent.value&&o.dataset[key]===parent.value;o.hidden=!on;o.disabled=!on;}" +
        "var c=list.selectedOptions[0];if(c&&c.parentElement.disabled){list.value='';}}" +
        "function f(){narrow(d,g,'governorate');narrow(s,d,'district');}g.addEventListener('change',f);d.addEventListener('change',f);f();})();";
}
