using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.App.Pages;

/// <summary>The page frame shared by every HTML page: right-to-left for Arabic, a language switch,
/// the data attribution. Text is encoded for HTML but Arabic is written as itself, not as entities.</summary>
public static class Html
{
    /// <summary>The citizens' pages' Content-Security-Policy: nothing from anywhere but the one inline
    /// style sheet and the form's one inline script, named by their hashes; the form posts to this origin
    /// only; no framing.</summary>
    public static readonly string ContentSecurityPolicy = Policy([RequestFormPage.DistrictFilterScript]);

    /// <summary>A page's Content-Security-Policy in the pattern of <see cref="ContentSecurityPolicy"/>:
    /// the inline <paramref name="scripts"/> (their texts, allowed by hash) and the shared style sheet;
    /// <paramref name="connectSource"/>, when given, where scripts may send requests (else nowhere);
    /// <paramref name="frameAncestors"/> who may frame the page (else nobody).</summary>
    public static string Policy(IEnumerable<string> scripts, string? connectSource = null, string frameAncestors = "'none'") =>
        $"default-src 'none'; script-src {string.Join(' ', scripts.Select(SecurityHeaders.HashSource))}; " +
        $"style-src {SecurityHeaders.HashSource(Css)}; img-src 'self'; " +
        (connectSource is null ? string.Empty : $"connect-src {connectSource}; ") +
        $"base-uri 'none'; form-action 'self'; frame-ancestors {frameAncestors}";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>HTML-encodes <paramref name="text"/>.</summary>
    public static string E(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>The start every page shares, up to the open <c>&lt;head&gt;</c>'s charset and viewport: the
    /// doctype, and <c>&lt;html&gt;</c> in <paramref name="language"/> (<c>dir="rtl"</c> for Arabic).</summary>
    public static string Opening(Language language) =>
        $"<!doctype html>\n<html lang=\"{language.ToCode()}\" dir=\"{(language == Language.Ar ? "rtl" : "ltr")}\"><head><meta charset=\"utf-8\">" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";

    /// <summary>A whole page as a result with the given status code.</summary>
    /// <param name="texts">Texts.</param>
    /// <param name="language">Page language (<c>dir="rtl"</c> for Arabic).</param>
    /// <param name="title">Title, plain text.</param>
    /// <param name="body">Body, HTML already encoded.</param>
    /// <param name="switchUrl">Where the language switch leads.</param>
    /// <param name="statusCode">HTTP status.</param>
    /// <param name="cacheControl"><c>Cache-Control</c>, or <c>null</c> to leave it as it is.</param>
    public static PageResult Page(Texts texts, Language language, string title, string body, string switchUrl, int statusCode = 200, string? cacheControl = null)
    {
        var html = new StringBuilder()
            .Append(Opening(language))
            .Append($"<title>{E(title)}</title><style>{Css}</style></head><body><main>")
            .Append($"<nav><a href=\"{E(switchUrl)}\" class=\"switch\">{E(texts.Get("form.switch", language))}</a></nav>")
            .Append(body)
            .Append($"<footer>{E(texts.Get("page.attribution", language))}</footer></main></body></html>");
        return new PageResult(
            new ContentResult { Content = html.ToString(), ContentType = "text/html; charset=utf-8", StatusCode = statusCode },
            ContentSecurityPolicy,
            cacheControl);
    }

    private const string Css =
        "body{font-family:system-ui,'Noto Sans Arabic',Tahoma,sans-serif;margin:0;background:#f5f7f7;color:#1d2b2b}" +
        "main{max-width:40rem;margin:auto;padding:1rem 1.25rem 3rem}h1{font-size:1.5rem}" +
        "label{display:block;font-weight:600;margin:1rem 0 .25rem}select,textarea,input[type=text],input[type=tel]{width:100%;" +
        "padding:.6rem;font-size:1rem;border:1px solid #9aa;border-radius:.4rem;box-sizing:border-box;background:#fff}" +
        "fieldset{border:1px solid #cdd;border-radius:.4rem;margin-top:1rem}fieldset label{font-weight:400;display:inline-block;margin:.25rem .75rem}" +
        ".hint{color:#556;font-size:.9rem}.error{color:#a4141d;font-weight:600}.errors{border:2px solid #a4141d;padding:.5rem 1rem;border-radius:.4rem;background:#fff}" +
        "button{margin-top:1.5rem;padding:.8rem 1.6rem;font-size:1.1rem;background:#0b6e4f;color:#fff;border:0;border-radius:.4rem}" +
        ".code{font-size:2rem;font-weight:700;letter-spacing:.1em;direction:ltr;unicode-bidi:isolate}" +
        "nav{text-align:end}footer{margin-top:3rem;font-size:.75rem;color:#667}table{border-collapse:collapse;width:100%}" +
        "td,th{border-bottom:1px solid #dde;padding:.4rem;text-align:start}";
}
