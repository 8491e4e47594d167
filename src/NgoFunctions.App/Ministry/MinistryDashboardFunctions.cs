using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Http;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Localization;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.Ministry;

/// <summary>The ministry's dashboard: <c>GET /api/ministry/dashboard</c> (Arabic, right-to-left;
/// <c>?lang=en</c> for English) and the files it loads. Neither holds data nor needs a key: the page's
/// script asks for the ministry key and calls the monitoring API with it.</summary>
public sealed class MinistryDashboardFunctions(Texts texts)
{
    private readonly DashboardPage _page = new(texts);

    /// <summary>Serves the page, under a strict Content-Security-Policy.</summary>
    [Function(nameof(MinistryDashboard))]
    [PublicEndpoint("the page holds no data: its script asks for the ministry key and sends it to the monitoring API")]
    public IActionResult MinistryDashboard(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/dashboard")] HttpRequest request) =>
        _page.Render(RequestLanguage.OfPage(request));

    /// <summary>Serves <c>chart.js</c> (Chart.js, bundled at build time), <c>dashboard.js</c> and
    /// <c>dashboard.css</c>; cached for a year (the page asks for them by version); 404 for any other name.</summary>
    [Function(nameof(MinistryDashboardAsset))]
    [PublicEndpoint("the dashboard's own script, style sheet and Chart.js")]
    public IActionResult MinistryDashboardAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/dashboard/{asset}")] HttpRequest request, string asset) =>
        EmbeddedAsset.Serve(request, DashboardAssets.Find(asset), DashboardPage.ContentSecurityPolicy);
}
