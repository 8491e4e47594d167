using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Tests.Infrastructure;

namespace NgoFunctions.Tests.Open311;

/// <summary>What an Open311 GeoReport v2 client does against a test system: form posts to
/// <c>open311/v2/requests.{format}</c> without any header of ours, and a partner key from the admin API.</summary>
public sealed class Open311Client(TestSystem system) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = system.Http.BaseAddress };

    /// <summary>The plain client (no key header).</summary>
    public HttpClient Http => _http;

    /// <summary>Issues a key for <paramref name="partnerId"/> through the admin API; returns the key.</summary>
    public async Task<string> IssueKeyAsync(string partnerId)
    {
        var response = await system.Http.PostAsync($"registry/partners/{partnerId}/keys", null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.ToString();
    }

    /// <summary>Posts <paramref name="fields"/> form-encoded to <c>open311/v2/requests.{format}</c>.</summary>
    public Task<HttpResponseMessage> PostAsync(string format, IEnumerable<(string Name, string Value)> fields, string? acceptLanguage = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"open311/v2/requests.{format}")
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))),
        };
        if (acceptLanguage is not null)
        {
            message.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return _http.SendAsync(message);
    }

    /// <summary>A valid post's fields: a health request at a point in Aleppo city, with consent.</summary>
    public static List<(string Name, string Value)> Fields(string key, string phone = "0944123456") =>
    [
        ("api_key", key),
        ("service_code", "health"),
        ("lat", "36.2021"),
        ("long", "37.1343"),
        ("description", "أحتاج إلى دواء للسكري لوالدتي المسنة"),
        ("first_name", "سلمى"),
        ("phone", phone),
        ("attribute[urgency]", "urgent"),
        ("attribute[vulnerabilities][]", "older-person"),
        ("attribute[vulnerabilities][]", "disability"),
        ("attribute[consent]", "true"),
    ];

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
