using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace NgoFunctions.App.Http;

/// <summary>Absolute links to the API's own routes, for answers that hand one out: under
/// <see cref="PublicUrlOptions.PublicBaseUrl"/> when set, else under the request's scheme and host.</summary>
public sealed class PublicUrls(IOptions<PublicUrlOptions> options)
{
    /// <summary>The absolute URL of <paramref name="path"/> (starting with <c>/</c>, e.g.
    /// <c>/api/requests/ABCDE23456</c>) as <paramref name="request"/>'s caller should use it.</summary>
    public string For(HttpRequest request, string path) =>
        options.Value.PublicBaseUrl is { Length: > 0 } configured
            ? configured.TrimEnd('/') + path
            : $"{request.Scheme}://{request.Host}{request.PathBase}{path}";
}
