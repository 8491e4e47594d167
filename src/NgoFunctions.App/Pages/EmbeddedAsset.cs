using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using NgoFunctions.App.Http;

namespace NgoFunctions.App.Pages;

/// <summary>A file a page loads, embedded in this assembly at build time: bytes, content type and a
/// version (the first hex digits of its SHA-256) that the page puts in its URL, so it can be cached for long.</summary>
/// <param name="Content">The bytes, UTF-8 text.</param>
/// <param name="ContentType">The <c>Content-Type</c> to serve it with.</param>
/// <param name="Version">The first 12 hex digits of its SHA-256, for cache busting.</param>
public sealed record EmbeddedAsset(byte[] Content, string ContentType, string Version)
{
    /// <summary>The answer to a page's request for a file: <paramref name="asset"/> under the page's
    /// <paramref name="contentSecurityPolicy"/>, cached for a year (the page asks for it by version), or 404
    /// (an empty body) when the name is none of the page's files (<paramref name="asset"/> is <c>null</c>).</summary>
    public static IActionResult Serve(HttpRequest request, EmbeddedAsset? asset, string contentSecurityPolicy)
    {
        if (asset is null)
        {
            return new NotFoundResult();
        }

        SecurityHeaders.Apply(request.HttpContext.Response, contentSecurityPolicy);
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return new FileContentResult(asset.Content, asset.ContentType);
    }

    /// <summary>Reads the embedded resource <paramref name="name"/> (its logical name in the project file).
    /// Throws <see cref="InvalidOperationException"/> when it is missing (a build without <c>npm ci</c>).</summary>
    public static EmbeddedAsset Load(string name, string contentType)
    {
        using var stream = typeof(EmbeddedAsset).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing: build after `npm ci`.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return Of(copy.ToArray(), contentType);
    }

    /// <summary>A file made when the assembly loads rather than at build time (the map's governorate
    /// outlines), versioned by its bytes like an embedded one.</summary>
    public static EmbeddedAsset Of(byte[] bytes, string contentType) =>
        new(bytes, contentType, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
}
