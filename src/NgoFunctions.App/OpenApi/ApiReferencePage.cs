using System.Text;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.App.Pages;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using static NgoFunctions.App.Pages.Html;

namespace NgoFunctions.App.OpenApi;

/// <summary>The API reference page: a header in the page's language (Arabic right-to-left, or English),
/// pointing at the OpenAPI document, and Swagger UI drawing that document below it (Swagger UI speaks
/// English only, so its part is left-to-right English). No inline script or style of its own.</summary>
public sealed class ApiReferencePage(Texts texts)
{
    /// <summary>The page's Content-Security-Policy: its own files only, calls to this origin only, no
    /// framing. Swagger UI sets styles on its elements, so inline styles are allowed; inline scripts are not.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>The Functions app's route prefix (<c>host.json</c> sets none, so the default <c>/api/</c>):
    /// the page names its files and the document from the root.</summary>
    public const string Root = "/api/";

    /// <summary>The page in <paramref name="language"/>.</summary>
    public PageResult Render(Language language)
    {
        string T(string key) => E(texts.Get("apiReference." + key, language));
        var other = language == Language.Ar ? "en" : "ar";
        var html = new StringBuilder()
            .Append(Opening(language))
            .Append("<meta name=\"referrer\" content=\"no-referrer\">")
            // An empty icon: the browser asks for no /favicon.ico, which the API does not serve.
            .Append($"<title>{T("title")}</title><link rel=\"icon\" href=\"data:,\">")
            .Append($"<link rel=\"stylesheet\" href=\"{E(ApiReferenceAssets.Url(ApiReferenceAssets.SwaggerUiStyleSheet))}\">")
            .Append($"<link rel=\"stylesheet\" href=\"{E(ApiReferenceAssets.Url(ApiReferenceAssets.StyleSheet))}\">")
            .Append($"<script src=\"{E(ApiReferenceAssets.Url(ApiReferenceAssets.SwaggerUiScript))}\" defer></script>")
            .Append($"<script src=\"{E(ApiReferenceAssets.Url(ApiReferenceAssets.Script))}\" defer></script></head>")
            .Append($"<body><header><a class=\"switch\" href=\"{Root}docs?lang={other}\" data-testid=\"language-switch\">{E(texts.Get("form.switch", language))}</a>")
            .Append($"<h1>{T("title")}</h1><p>{T("intro")}</p>")
            .Append($"<p><a href=\"{Root}openapi.json\" data-testid=\"document-link\">openapi.json</a></p></header>")
            .Append($"<noscript><p>{T("noscript")}</p></noscript>")
            .Append("<main id=\"reference\" lang=\"en\" data-testid=\"reference\"></main></body></html>");
        // Revalidated on each visit: a new deployment's page names new asset versions.
        return new PageResult(
            new ContentResult { Content = html.ToString(), ContentType = "text/html; charset=utf-8", StatusCode = 200 },
            ContentSecurityPolicy,
            "no-cache");
    }
}
