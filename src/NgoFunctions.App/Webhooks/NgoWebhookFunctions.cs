using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Webhooks;

namespace NgoFunctions.App.Webhooks;

/// <summary>The NGO's own webhook under <c>/api/ngo/webhook</c>, with the NGO's key in <c>X-Api-Key</c>
/// (401 otherwise; 403 while the registry marks the NGO inactive): each NGO sees and changes only its own.
/// Errors are problem+json in the caller's language.</summary>
public sealed class NgoWebhookFunctions(NgoWebhooks webhooks, ParkedWebhookDeliveries parked, Texts texts)
{
    /// <summary><c>PUT /api/ngo/webhook</c>, body <c>{"url": "https://..."}</c>: 201 with
    /// <c>{url, secret, createdAt}</c> and <c>Cache-Control: no-store</c> (the secret is shown this once;
    /// registering again replaces the endpoint and the secret); 400 naming <c>url</c>; 409 when webhooks
    /// are not enabled on this deployment.</summary>
    [Function(nameof(PutNgoWebhook))]
    [RequiresKey(CallerRole.Ngo)]
    public async Task<IActionResult> PutNgoWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "ngo/webhook")] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var body = await BodyReader.ReadJsonAsync<WebhookBody>(request, cancellationToken);
        if (body.Value is null)
        {
            return Problems.Body(request, body, texts, language);
        }

        var outcome = await webhooks.RegisterAsync(CallerNgo.Of(request), body.Value.Url, language, cancellationToken);
        return OutcomeResults.Answer(request, outcome, texts, language, registered =>
        {
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return new ObjectResult(registered) { StatusCode = StatusCodes.Status201Created };
        });
    }

    /// <summary><c>GET /api/ngo/webhook</c>: 200 <c>{url, createdAt}</c> (never the secret); 404 when none is registered.</summary>
    [Function(nameof(GetNgoWebhook))]
    [RequiresKey(CallerRole.Ngo)]
    public async Task<IActionResult> GetNgoWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ngo/webhook")] HttpRequest request, CancellationToken cancellationToken) =>
        OutcomeResults.Answer(request, await webhooks.GetAsync(CallerNgo.Of(request), cancellationToken), texts, view => new OkObjectResult(view));

    /// <summary><c>DELETE /api/ngo/webhook</c>: 204, also when none was registered (idempotent); nothing more is sent.</summary>
    [Function(nameof(DeleteNgoWebhook))]
    [RequiresKey(CallerRole.Ngo)]
    public async Task<IActionResult> DeleteNgoWebhook(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "ngo/webhook")] HttpRequest request, CancellationToken cancellationToken)
    {
        await webhooks.RemoveAsync(CallerNgo.Of(request), cancellationToken);
        return new NoContentResult();
    }

    /// <summary><c>GET /api/ngo/webhook/deliveries</c>: 200 <c>{parked: [{eventId, type, trackingCode, occurredAt,
    /// failingSince, parkedAt, lastError}]}</c>, the NGO's events parked after failing for a day, most recent first.</summary>
    [Function(nameof(ListNgoWebhookDeliveries))]
    [RequiresKey(CallerRole.Ngo)]
    public async Task<IActionResult> ListNgoWebhookDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ngo/webhook/deliveries")] HttpRequest request, CancellationToken cancellationToken) =>
        new OkObjectResult(new { parked = await parked.ListAsync(CallerNgo.Of(request), cancellationToken) });

    /// <summary><c>POST /api/ngo/webhook/deliveries/retry</c>: 202 <c>{queued}</c>: every parked event of the NGO
    /// is sent again (each once, however often this is called before it goes out).</summary>
    [Function(nameof(RetryNgoWebhookDeliveries))]
    [RequiresKey(CallerRole.Ngo)]
    public async Task<IActionResult> RetryNgoWebhookDeliveries(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ngo/webhook/deliveries/retry")] HttpRequest request, CancellationToken cancellationToken) =>
        new ObjectResult(new { queued = await parked.RetryAsync(CallerNgo.Of(request), cancellationToken) }) { StatusCode = StatusCodes.Status202Accepted };

    /// <summary>The registration body.</summary>
    /// <param name="Url">The endpoint to POST events to.</param>
    public sealed record WebhookBody(string? Url);
}
