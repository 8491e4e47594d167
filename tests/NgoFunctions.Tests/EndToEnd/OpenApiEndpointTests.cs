using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.EndToEnd;

/// <summary><c>GET /api/openapi.json</c> through the real worker process: the document, anonymous, as
/// JSON with an ETag that a revalidation answers with 304.</summary>
[Collection(StorageCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OpenApiEndpointTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OpenApiJson_Answers200WithTheDocument_And304ForItsETag()
    {
        await using var system = await TestSystem.StartAsync(azurite);

        using var response = await system.Http.GetAsync("openapi.json");
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("3.1.0", body["openapi"]!.GetValue<string>());
        Assert.NotNull(body["paths"]!["/openapi.json"]);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "openapi.json");
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag.Tag));
        using var revalidated = await system.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }
}
