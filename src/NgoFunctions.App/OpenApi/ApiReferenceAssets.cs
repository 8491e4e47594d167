using System.Collections.Frozen;
using NgoFunctions.App.Pages;

namespace NgoFunctions.App.OpenApi;

/// <summary>The files the API reference page (<c>GET /api/docs</c>) loads, embedded at build time: Swagger UI's
/// bundle and style sheet (the <c>swagger-ui-dist</c> npm package, pinned in <c>package-lock.json</c>, taken
/// from <c>node_modules</c> by the project file, never from a CDN) and the page's own script and style sheet
/// (<c>OpenApi/Assets/</c>).</summary>
public static class ApiReferenceAssets
{
    /// <summary>Swagger UI's bundle.</summary>
    public const string SwaggerUiScript = "swagger-ui-bundle.js";

    /// <summary>Swagger UI's style sheet.</summary>
    public const string SwaggerUiStyleSheet = "swagger-ui.css";

    /// <summary>The third-party notices of Swagger UI's bundle, which its first line points to.</summary>
    public const string SwaggerUiLicense = "swagger-ui-bundle.js.LICENSE.txt";

    /// <summary>The page's script: starts Swagger UI on this deployment's document.</summary>
    public const string Script = "api-reference.js";

    /// <summary>The page's style sheet: its header.</summary>
    public const string StyleSheet = "api-reference.css";

    private static readonly FrozenDictionary<string, EmbeddedAsset> All = new Dictionary<string, EmbeddedAsset>
    {
        [SwaggerUiScript] = Load(SwaggerUiScript, "text/javascript; charset=utf-8"),
        [SwaggerUiStyleSheet] = Load(SwaggerUiStyleSheet, "text/css; charset=utf-8"),
        [Script] = Load(Script, "text/javascript; charset=utf-8"),
        [StyleSheet] = Load(StyleSheet, "text/css; charset=utf-8"),
        [SwaggerUiLicense] = Load(SwaggerUiLicense, "text/plain; charset=utf-8"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The asset served as <paramref name="name"/>, or <c>null</c>.</summary>
    public static EmbeddedAsset? Find(string? name) => name is not null && All.TryGetValue(name, out var asset) ? asset : null;

    /// <summary>The URL of <paramref name="name"/>, with its version: from the root, so the page loads it
    /// whether it was asked for as <c>/api/docs</c> or <c>/api/docs/</c>.</summary>
    public static string Url(string name) => $"{ApiReferencePage.Root}docs/{name}?v={All[name].Version}";

    private static EmbeddedAsset Load(string name, string contentType) => EmbeddedAsset.Load("NgoFunctions.ApiReference." + name, contentType);
}
