using System.Collections.Frozen;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.App.Pages;

/// <summary>The files the ministry dashboard loads, embedded in this assembly at build time: its own
/// script and style sheet (<c>Pages/Assets/</c>), Chart.js's UMD build and Leaflet's script, style sheet
/// and licence, taken from <c>node_modules</c> by the project file; and the governorate outlines its map
/// draws, made small from the reference data when the assembly loads (<see cref="GovernorateOutlines.ForMap"/>).
/// Each has a version (a hash of its bytes) that the page puts in its URL, so they can be cached for long.</summary>
public static class DashboardAssets
{
    /// <summary>Chart.js, the charting library.</summary>
    public const string ChartJs = "chart.js";

    /// <summary>Leaflet, the map library (no tile layer: it draws the outlines only).</summary>
    public const string LeafletJs = "leaflet.js";

    /// <summary>Leaflet's style sheet.</summary>
    public const string LeafletCss = "leaflet.css";

    /// <summary>Leaflet's licence (BSD-2-Clause), served beside it.</summary>
    public const string LeafletLicense = "leaflet-license.txt";

    /// <summary>The 14 governorate outlines as GeoJSON (properties <c>pcode</c>, <c>name_en</c>, <c>name_ar</c>).</summary>
    public const string Outlines = "governorates.geojson";

    /// <summary>The page's script.</summary>
    public const string Script = "dashboard.js";

    /// <summary>The page's style sheet.</summary>
    public const string StyleSheet = "dashboard.css";

    private static readonly FrozenDictionary<string, EmbeddedAsset> All = new Dictionary<string, EmbeddedAsset>
    {
        [ChartJs] = Load("chart.umd.js", "text/javascript; charset=utf-8"),
        [LeafletJs] = Load("leaflet.js", "text/javascript; charset=utf-8"),
        [LeafletCss] = Load("leaflet.css", "text/css; charset=utf-8"),
        [LeafletLicense] = Load("leaflet-license.txt", "text/plain; charset=utf-8"),
        [Outlines] = EmbeddedAsset.Of(GovernorateOutlines.ForMap(), "application/geo+json"),
        [Script] = Load("dashboard.js", "text/javascript; charset=utf-8"),
        [StyleSheet] = Load("dashboard.css", "text/css; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The asset served as <paramref name="name"/> (<c>chart.js</c>, <c>leaflet.js</c>, <c>leaflet.css</c>,
    /// <c>leaflet-license.txt</c>, <c>governorates.geojson</c>, <c>dashboard.js</c>, <c>dashboard.css</c>), or <c>null</c>.</summary>
    public static EmbeddedAsset? Find(string? name) => name is not null && All.TryGetValue(name, out var asset) ? asset : null;

    /// <summary>The relative URL of <paramref name="name"/> from the page, with its version.</summary>
    public static string Url(string name) => $"dashboard/{name}?v={All[name].Version}";

    private static EmbeddedAsset Load(string resource, string contentType) => EmbeddedAsset.Load("NgoFunctions.Dashboard." + resource, contentType);
}
