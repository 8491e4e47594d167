using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using static NgoFunctions.App.Pages.Html;

namespace NgoFunctions.App.Pages;

/// <summary>The ministry dashboard's page: a frame with no data in it. Its script
/// (<see cref="DashboardAssets.Script"/>) asks for the ministry key, keeps it in <c>sessionStorage</c>,
/// calls the monitoring API with it and fills the sections; the texts of the page's language are
/// embedded as JSON for it. No inline script or style, so the policy can be strict.</summary>
public sealed class DashboardPage(Texts texts)
{
    /// <summary>The page's Content-Security-Policy: its own files only, no inline code, API calls to
    /// this origin only, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The page in <paramref name="language"/> (<c>dir="rtl"</c> for Arabic).</summary>
    public PageResult Render(Language language)
    {
        string T(string key) => E(texts.Get("dashboard." + key, language));
        var other = language == Language.Ar ? "en" : "ar";
        var html = new StringBuilder()
            .Append(Opening(language))
            .Append("<meta name=\"referrer\" content=\"no-referrer\">")
            // An empty icon: the browser asks for no /favicon.ico, which the API does not serve.
            .Append($"<title>{T("title")}</title><link rel=\"icon\" href=\"data:,\">")
            .Append($"<link rel=\"stylesheet\" href=\"{E(DashboardAssets.Url(DashboardAssets.LeafletCss))}\">")
            .Append($"<link rel=\"stylesheet\" href=\"{E(DashboardAssets.Url(DashboardAssets.StyleSheet))}\">")
            .Append($"<script src=\"{E(DashboardAssets.Url(DashboardAssets.ChartJs))}\" defer></script>")
            .Append($"<script src=\"{E(DashboardAssets.Url(DashboardAssets.LeafletJs))}\" defer></script>")
            .Append($"<script src=\"{E(DashboardAssets.Url(DashboardAssets.Script))}\" defer></script>")
            .Append($"<script type=\"application/json\" id=\"dashboard-texts\">{TextsJson(language)}</script></head>")
            .Append("<body data-state=\"signed-out\"><header>")
            .Append($"<h1>{T("title")}</h1><nav><a class=\"switch\" href=\"dashboard?lang={other}\" data-testid=\"language-switch\">{E(texts.Get("form.switch", language))}</a>")
            .Append($"<button type=\"button\" id=\"forget\" class=\"quiet\" hidden>{T("key.forget")}</button></nav></header><main>")
            .Append(KeyForm(T))
            .Append("<div id=\"dashboard\" hidden>")
            .Append(Filters(T))
            .Append("<p id=\"status\" role=\"status\" data-testid=\"status\"></p>")
            .Append(Map(T))
            .Append(Totals(T))
            .Append(Closure(T))
            .Append(Charts(T))
            .Append(Section("heatmap", T("heatmap.heading"), $"<p class=\"hint\">{T("heatmap.note")}</p><div class=\"scroll\"><table id=\"heatmap\" data-testid=\"heatmap\"></table></div>"))
            .Append(Section("ngos", T("ngos.heading"), Table("ngos-table", T, "ngos.name", "ngos.active", "ngos.capacity", "ngos.openCases", "ngos.load",
                "ngos.accepted", "ngos.declined", "ngos.expired", "ngos.acceptanceRate", "ngos.toAccept", "ngos.toResolve", "ngos.rating", "ngos.confirmedRate", "ngos.disputedRate", "ngos.declineReasons")))
            .Append(Backlog(T))
            .Append(Exports(T))
            .Append("</div>")
            .Append(AuditPanel(T))
            .Append($"</main><footer>{E(texts.Get("page.attribution", language))}</footer></body></html>");
        // Revalidated on each visit: a new deployment's page names new asset versions.
        return new PageResult(
            new ContentResult { Content = html.ToString(), ContentType = "text/html; charset=utf-8", StatusCode = 200 },
            ContentSecurityPolicy,
            "no-cache");
    }

    // Inside <script type="application/json">: the serializer escapes '<', '>' and '&', so no text can close the element.
    // The NGO table names decline reasons, and the outcomes table outcomes and their reasons, as the NGOs' own forms do.
    private static readonly string[] TextPrefixes = ["dashboard.", "ngo.decline.", "ngo.outcome."];

    private string TextsJson(Language language) => JsonSerializer.Serialize(
        texts.Keys.Where(k => TextPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToDictionary(k => k, k => texts.Get(k, language)));

    private static string KeyForm(Func<string, string> t) =>
        $"<section id=\"key-section\"><form id=\"key-form\" class=\"card\"><h2>{t("key.heading")}</h2>" +
        $"<label for=\"key\">{t("key.label")}</label>" +
        "<input type=\"password\" id=\"key\" name=\"key\" autocomplete=\"off\" required data-testid=\"key-input\">" +
        $"<p class=\"hint\">{t("key.hint")}</p><button type=\"submit\" data-testid=\"key-submit\">{t("key.submit")}</button>" +
        "<p id=\"key-error\" class=\"error\" role=\"alert\" data-testid=\"key-error\" hidden></p></form></section>";

    private static string Filters(Func<string, string> t) =>
        $"<form id=\"filters\" class=\"filters\" aria-label=\"{t("filters.heading")}\">" +
        $"<label>{t("filters.from")}<input type=\"date\" id=\"filter-from\" data-testid=\"filter-from\"></label>" +
        $"<label>{t("filters.to")}<input type=\"date\" id=\"filter-to\" data-testid=\"filter-to\"></label>" +
        $"<label>{t("filters.sector")}<select id=\"filter-sector\" data-testid=\"filter-sector\"><option value=\"\">{t("filters.all")}</option></select></label>" +
        $"<label>{t("filters.governorate")}<select id=\"filter-governorate\" data-testid=\"filter-governorate\"><option value=\"\">{t("filters.all")}</option></select></label>" +
        $"<button type=\"submit\" data-testid=\"filter-apply\">{t("filters.apply")}</button></form>";

    // The page opens on the map. Leaflet draws into #map (no tile layer: the outlines on a plain ground);
    // the script fills the demand scale of the legend, which depends on the figures.
    private static string Map(Func<string, string> t)
    {
        static string Key(string swatch, string text) => $"<li><span class=\"swatch {swatch}\"></span>{text}</li>";
        return Section("map", t("map.heading"),
            "<div class=\"map-layout\">" +
            $"<div id=\"map\" data-testid=\"map\" data-outlines=\"{E(DashboardAssets.Url(DashboardAssets.Outlines))}\" aria-label=\"{t("map.heading")}\"></div>" +
            "<div class=\"map-side\">" +
            "<p id=\"map-selection\" data-testid=\"map-selection\"></p>" +
            $"<button type=\"button\" id=\"map-clear\" class=\"quiet\" data-testid=\"map-clear\" hidden>{t("map.clear")}</button>" +
            $"<p id=\"map-error\" class=\"error\" data-testid=\"map-error\" hidden>{t("map.unavailable")}</p>" +
            $"<h3>{t("map.legend")}</h3><p class=\"legend-title\">{t("map.demand")}</p><ul id=\"map-scale\" class=\"legend\" data-testid=\"map-scale\"></ul>" +
            "<ul class=\"legend\" data-testid=\"map-legend\">" +
            Key("hatch-gap", t("map.gap")) + Key("hatch-capacity", t("map.capacityGap")) + Key("chosen", t("map.selected")) + "</ul>" +
            $"<p class=\"hint\">{t("map.note")}</p></div></div>");
    }

    private static string Totals(Func<string, string> t)
    {
        string Total(string id, string key) => $"<div class=\"total\"><dt>{t("totals." + key)}</dt><dd data-testid=\"{id}\">–</dd></div>";
        return Section("totals", t("totals.heading"),
            "<dl class=\"totals\">" + Total("total-requests", "total") + Total("total-unroutable", "unroutable") +
            Total("total-needs-attention", "needsAttention") + Total("total-sla-breaches", "slaBreaches") + Total("total-gaps", "gaps") +
            Total("total-capacity-gaps", "capacityGaps") + "</dl>" +
            $"<h3>{t("times.heading")}</h3>" + Table("times-table", t, "times.stage", "times.count", "times.median", "times.p90"));
    }

    // What citizens answered once their NGO reported the help given, and the outcomes the NGOs gave.
    private static string Closure(Func<string, string> t)
    {
        string Figure(string id, string key) => $"<div class=\"total\"><dt>{t("closure." + key)}</dt><dd data-testid=\"{id}\">–</dd></div>";
        return Section("closure", t("closure.heading"),
            "<dl class=\"totals\">" + Figure("closure-awaiting", "awaiting") + Figure("closure-confirmed", "confirmed") +
            Figure("closure-unconfirmed", "unconfirmed") + Figure("closure-disputed", "disputed") + "</dl>" +
            $"<p class=\"hint\">{t("closure.note")}</p>" +
            $"<h3>{t("outcomes.heading")}</h3><p class=\"hint\">{t("outcomes.note")}</p>" + Table("outcomes-table", t, "outcomes.outcome", "outcomes.count"));
    }

    private static string Charts(Func<string, string> t)
    {
        static string Chart(string id, string heading, string empty, string note = "") =>
            $"<figure class=\"chart\"><figcaption>{heading}</figcaption>{note}<div class=\"canvas\"><canvas id=\"{id}\" data-testid=\"{id}\"></canvas></div>" +
            $"<p class=\"empty\" id=\"{id}-empty\" data-testid=\"{id}-empty\" hidden>{empty}</p></figure>";
        return "<section class=\"charts\">" +
            Chart("flow-chart", t("flow.heading"), t("flow.empty")) +
            Chart("funnel-chart", t("funnel.heading"), t("funnel.empty"), $"<p class=\"hint\">{t("funnel.note")}</p>") + "</section>";
    }

    private static string Backlog(Func<string, string> t)
    {
        string List(string id, string heading) =>
            $"<h3>{heading}</h3>" + Table(id, t, "backlog.code", "backlog.status", "backlog.sector", "backlog.governorate", "backlog.urgency", "backlog.submitted") +
            $"<p class=\"hint\" id=\"{id}-more\" hidden></p>";
        return Section("backlog", t("backlog.heading"), List("backlog-unroutable", t("backlog.unroutable")) + List("backlog-attention", t("backlog.needsAttention")));
    }

    private static string Exports(Func<string, string> t)
    {
        static string Button(string file, string label) =>
            $"<button type=\"button\" data-export=\"{file}\" data-testid=\"export-{file}\">{label}</button>";
        return Section("exports", t("exports.heading"),
            "<div class=\"exports\">" + Button("coverage.csv", t("exports.coverage")) + Button("requests.csv", t("exports.requests")) +
            Button("stats.csv", t("exports.stats")) + "</div>");
    }

    private static string AuditPanel(Func<string, string> t) =>
        "<aside id=\"audit\" class=\"card\" data-testid=\"audit-panel\" aria-labelledby=\"audit-heading\" hidden>" +
        $"<button type=\"button\" id=\"audit-close\" class=\"quiet\" data-testid=\"audit-close\">{t("audit.close")}</button>" +
        "<h2 id=\"audit-heading\" tabindex=\"-1\"></h2><p id=\"audit-summary\"></p>" +
        $"<h3>{t("audit.events")}</h3>" + Table("audit-events", t, "audit.sequence", "audit.type", "audit.actor", "audit.ngo", "audit.at", "audit.detail") +
        $"<h3>{t("audit.assignments")}</h3>" + Table("audit-assignments", t, "audit.attempt", "audit.ngo", "audit.state", "audit.at", "audit.coverage", "audit.declineReason") +
        "</aside>";

    private static string Section(string id, string heading, string body) =>
        $"<section id=\"{id}-section\" class=\"card\"><h2>{heading}</h2>{body}</section>";

    // A table with a heading row from texts and an empty body that the script fills (id-body).
    private static string Table(string id, Func<string, string> t, params string[] columns) =>
        $"<div class=\"scroll\"><table id=\"{id}\" data-testid=\"{id}\"><thead><tr>" +
        string.Concat(columns.Select(c => $"<th scope=\"col\">{t(c)}</th>")) +
        $"</tr></thead><tbody id=\"{id}-body\"></tbody></table></div>";
}
