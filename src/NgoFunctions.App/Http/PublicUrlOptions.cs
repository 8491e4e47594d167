using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.App.Http;

/// <summary>Where the public reaches the API (section <c>Http</c>).</summary>
public sealed class PublicUrlOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Http";

    /// <summary>The public base URL of the app, e.g. <c>https://ngo-functions.azurefd.net</c> (scheme and
    /// host, optionally a port; no path): absolute links the API hands out (a request's status URL, a new
    /// NGO's <c>Location</c>) start with it. Behind a front end such as Azure Front Door the request reaching
    /// the app names the app's own host, which callers cannot reach, so the deployment sets this (infra/ does).
    /// Empty (the default, and locally): links use the request's own scheme and host.</summary>
    // A pattern, not [Url]: the settings file holds it empty, which [Url] refuses and a pattern allows.
    [RegularExpression(@"^https?://[^/\s?#]+/?$", ErrorMessage = "Http:PublicBaseUrl is a scheme and host, e.g. https://example.org, without a path.")]
    public string? PublicBaseUrl { get; set; }
}
