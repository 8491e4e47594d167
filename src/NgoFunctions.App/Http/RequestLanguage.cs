using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using NgoFunctions.Core.Domain;

namespace NgoFunctions.App.Http;

/// <summary>Which language to answer in: the <c>lang</c> query parameter, else the first of
/// <c>ar</c>/<c>en</c> in <c>Accept-Language</c> by quality, else Arabic.</summary>
public static class RequestLanguage
{
    /// <summary>The language for <paramref name="request"/>. Resolved once per request and kept on its
    /// <see cref="HttpContext"/>, so the function, the key check and the failure answer of one request
    /// all say the same language without parsing the headers again.</summary>
    public static Language Of(HttpRequest request)
    {
        var features = request.HttpContext.Features;
        if (features.Get<Resolved>() is { } resolved)
        {
            return resolved.Language;
        }

        var language = Resolve(request);
        features.Set(new Resolved(language));
        return language;
    }

    /// <summary>The language of an HTML page: the <c>lang</c> query parameter, else Arabic. Unlike the
    /// API, pages ignore <c>Accept-Language</c>: many Arabic readers' browsers are set to English, and
    /// the service is Arabic first; the page links to its English twin.</summary>
    public static Language OfPage(HttpRequest request) =>
        LanguageCodes.TryParse(request.Query["lang"], out var language) ? language : Language.Ar;

    /// <summary>Whether the client prefers an HTML page to JSON (a browser's <c>Accept</c>).</summary>
    public static bool WantsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase) && a.Quality is not <= 0);

    /// <summary>Whether the body is an HTML form post.</summary>
    public static bool IsForm(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static Language Resolve(HttpRequest request)
    {
        if (LanguageCodes.TryParse(request.Query["lang"], out var fromQuery))
        {
            return fromQuery;
        }

        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(v => v.Quality ?? 1.0)
            .Select(v => v.Value.Value?.Split('-')[0]);
        foreach (var tag in accepted)
        {
            if (LanguageCodes.TryParse(tag, out var language))
            {
                return language;
            }
        }

        return Language.Ar;
    }

    // The request's language once resolved (a feature of its HttpContext, like CallerNgo).
    private sealed record Resolved(Language Language);
}
