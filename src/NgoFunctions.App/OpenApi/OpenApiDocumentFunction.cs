using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using NgoFunctions.App.Access;

namespace NgoFunctions.App.OpenApi;

/// <summary><c>GET /api/openapi.json</c>: the OpenAPI 3.1 description of every HTTP endpoint
/// (<c>OpenApi/openapi.json</c>, embedded in this assembly at build time). Served with an ETag (a hash
/// of its bytes) and <c>Cache-Control: public, no-cache</c>, so a client keeps its copy and asks again
/// cheaply (304 for <c>If-None-Match</c> with the same tag).</summary>
public sealed class OpenApiDocumentFunction
{
    /// <summary>The media type the document is served with.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The embedded resource's name.</summary>
    public const string ResourceName = "NgoFunctions.OpenApi.openapi.json";

    // Read once: the document is part of the build and never changes while the worker runs.
    private static readonly (byte[] Content, EntityTagHeaderValue Tag) Document = Load();

    /// <summary>Serves the document.</summary>
    [Function(nameof(OpenApiDocument))]
    [PublicEndpoint("the API's own description; it holds no data")]
    public IActionResult OpenApiDocument(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request)
    {
        var (content, tag) = Document;
        request.HttpContext.Response.Headers.CacheControl = "public, no-cache";
        // FileContentResult answers If-None-Match itself (304 for the same tag).
        return new FileContentResult(content, ContentType) { EntityTag = tag };
    }

    private static (byte[] Content, EntityTagHeaderValue Tag) Load()
    {
        using var stream = typeof(OpenApiDocumentFunction).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\""));
    }
}
