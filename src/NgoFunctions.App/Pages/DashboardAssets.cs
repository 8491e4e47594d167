using System.Collections.Frozen;

namespace NgoFunctions.App.Pages;

/// <summary>The files the ministry dashboard loads, embedded in this assembly at build time: its own
/// script and style sheet (<c>Pages/Assets/</c>) and Chart.js's UMD build, taken from
/// <c>node_modules</c> by the project file. Each has a version (a hash of its bytes) that the page puts
/// in its URL, so they can be cached for long.</summary>
public static class DashboardAssets
{
    /// <summary>Chart.js, the charting library.</summary>
    public const string ChartJs = "chart.js";

    /// <summary>The page's script.</summary>
    public const string Script = "dashboard.js";

    /// <summary>The page's style sheet.</summary>
    public const string StyleSheet = "dashboard.css";

    private static readonly FrozenDictionary<string, EmbeddedAsset> All = new Dictionary<string, EmbeddedAsset>
    {
        [ChartJs] = Load("chart.umd.js", "text/javascript; charset=utf-8"),
        [Script] = Load("dashboard.js", "text/javascript; charset=utf-8"),
        [StyleSheet] = Load("dashboard.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The asset served as <paramref name="name"/> (<c>chart.js</c>, <c>dashboard.js</c>,
    /// <c>dashboard.css</c>), or <c>null</c>.</summary>
    public static EmbeddedAsset? Find(string? name) => name is not null && All.TryGetValue(name, out var asset) ? asset : null;

    /// <summary>The relative URL of <paramref name="name"/> from the page, with its version.</summary>
    public static string Url(string name) => $"dashboard/{name}?v={All[name].Version}";

    private static EmbeddedAsset Load(string resource, string contentType) => EmbeddedAsset.Load("NgoFunctions.Dashboard." + resource, contentType);
}
