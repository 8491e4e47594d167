using System.Globalization;
using System.Net.Http.Headers;

namespace NgoFunctions.Core.Webhooks;

/// <summary>POSTs one signed event to an NGO's endpoint (<see cref="WebhookHttpClient"/>) and says whether
/// it was taken: any 2xx answer. Never throws for a failing endpoint; throws only on cancellation.</summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock)
{
    /// <summary>Sends <paramref name="body"/> for event <paramref name="eventId"/> to <paramref name="url"/>,
    /// signed with <paramref name="secret"/> (<see cref="WebhookSignature"/>). Returns <c>null</c> when taken,
    /// otherwise why not: <c>http-{status}</c>, <c>timeout</c>, <c>unreachable</c> or <c>refused-address</c>.</summary>
    public async Task<string?> SendAsync(string url, string secret, string eventId, byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.EventIdHeader, eventId);
        request.Headers.UserAgent.ParseAdd("NgoFunctions-Webhooks/1");
        try
        {
            using var response = await clients.CreateClient(WebhookHttpClient.Name).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"http-{(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (Polly.Timeout.TimeoutRejectedException)
        {
            return "timeout";
        }
        catch (HttpRequestException ex) when (ex.InnerException is WebhookAddressRefusedException)
        {
            return "refused-address";
        }
        catch (HttpRequestException)
        {
            return "unreachable";
        }
    }
}
