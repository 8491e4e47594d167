using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Outcomes;

namespace NgoFunctions.App.NgoActions;

/// <summary>The NGO API under <c>/api/ngo/requests</c>. Every call carries the NGO's own key in
/// <c>X-Api-Key</c> (401 otherwise; the admin key opens none of these; 403 while the registry marks the
/// NGO inactive) and sees only the requests routed to that NGO: another NGO's request answers 404 with
/// the body of a missing one. Answers: 200 with the case, 400 naming fields, 409 when the request's
/// status does not allow the action; errors in the caller's language.</summary>
public sealed class NgoRequestFunctions(NgoCaseQuery query, NgoCaseActions actions, Texts texts)
{
    /// <summary><c>GET /api/ngo/requests?status=&amp;continuationToken=</c>: the NGO's cases a page at a
    /// time, <c>{items, continuationToken}</c>, without personal data.</summary>
    [Function(nameof(ListNgoRequests))]
    [RequiresKey(CallerRole.Ngo)]
    public async Task<IActionResult> ListNgoRequests(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ngo/requests")] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var page = await query.ListAsync(CallerNgo.Of(request), request.Query["status"], request.Query["continuationToken"], language, cancellationToken);
        return OutcomeResults.Answer(request, page, texts, language, listed => new OkObjectResult(listed));
    }

    /// <summary><c>GET /api/ngo/requests/{trackingCode}</c>: one request; the citizen's name, phone and
    /// description only once the NGO accepted it and if the citizen consented.</summary>
    [Function(nameof(GetNgoRequest))]
    [RequiresKey(CallerRole.Ngo)]
    public async Task<IActionResult> GetNgoRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ngo/requests/{trackingCode}")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken)
    {
        return Answer(request, await query.FindAsync(CallerNgo.Of(request), trackingCode, cancellationToken));
    }

    /// <summary><c>POST /api/ngo/requests/{trackingCode}/accept</c>: Routed → Accepted.</summary>
    [Function(nameof(AcceptNgoRequest))]
    [RequiresKey(CallerRole.Ngo)]
    public Task<IActionResult> AcceptNgoRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ngo/requests/{trackingCode}/accept")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken) =>
        ActAsync(request, trackingCode, NgoCaseAction.Accept, cancellationToken);

    /// <summary><c>POST /api/ngo/requests/{trackingCode}/decline</c>, body <c>{"reason": "...", "note": "..."}</c>
    /// (reason from the fixed list, note optional): the request goes to the next candidate, never back
    /// here, or becomes Unroutable.</summary>
    [Function(nameof(DeclineNgoRequest))]
    [RequiresKey(CallerRole.Ngo)]
    public Task<IActionResult> DeclineNgoRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ngo/requests/{trackingCode}/decline")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken) =>
        ActAsync(request, trackingCode, NgoCaseAction.Decline, cancellationToken);

    /// <summary><c>POST /api/ngo/requests/{trackingCode}/start</c>: Accepted → InProgress.</summary>
    [Function(nameof(StartNgoRequest))]
    [RequiresKey(CallerRole.Ngo)]
    public Task<IActionResult> StartNgoRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ngo/requests/{trackingCode}/start")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken) =>
        ActAsync(request, trackingCode, NgoCaseAction.Start, cancellationToken);

    /// <summary><c>POST /api/ngo/requests/{trackingCode}/resolve</c>, body <c>{"outcome": "successful"}</c> or
    /// <c>{"outcome": "not-successful", "reason": "...", "note": "..."}</c> (reason from the fixed list of
    /// <see cref="ResolutionOutcomes"/>; note optional, required with reason <c>other</c>): InProgress →
    /// Resolved, the NGO's place is free again and the citizen is asked to confirm. 400 naming the field
    /// when the outcome or reason is missing or unknown.</summary>
    [Function(nameof(ResolveNgoRequest))]
    [RequiresKey(CallerRole.Ngo)]
    public Task<IActionResult> ResolveNgoRequest(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ngo/requests/{trackingCode}/resolve")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken) =>
        ActAsync(request, trackingCode, NgoCaseAction.Resolve, cancellationToken);

    private async Task<IActionResult> ActAsync(HttpRequest request, string trackingCode, NgoCaseAction action, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        var body = new ActionBody(null, null, null);
        if ((action is NgoCaseAction.Decline or NgoCaseAction.Resolve) && await HasBodyAsync(request, cancellationToken))
        {
            var read = await BodyReader.ReadJsonAsync<ActionBody>(request, cancellationToken);
            if (read.Value is null)
            {
                return Problems.Body(request, read, texts, language);
            }

            body = read.Value;
        }

        var command = new NgoCaseCommand(
            action, language, body.Reason?.Trim(), string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(), body.Outcome?.Trim());
        return Answer(request, await actions.ApplyAsync(CallerNgo.Of(request), trackingCode, command, cancellationToken));
    }

    // "POST .../resolve" with no body at all (curl -X POST sends neither Content-Length nor a chunk)
    // is an empty body (answered with the missing outcome), not an unreadable one: look at the first
    // byte, then rewind.
    private static async Task<bool> HasBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength == 0)
        {
            return false;
        }

        request.EnableBuffering();
        var first = new byte[1];
        var read = await request.Body.ReadAsync(first, cancellationToken);
        request.Body.Position = 0;
        return read > 0;
    }

    private IActionResult Answer(HttpRequest request, Outcome<NgoCaseView> outcome) =>
        OutcomeResults.Answer(request, outcome, texts, view =>
        {
            // The case may carry the citizen's contact details: no cache may keep it.
            request.HttpContext.Response.Headers.CacheControl = "no-store";
            return new OkObjectResult(view);
        });

    // The body of a decline or a resolution; no body at all is an empty one (which neither passes).
    private sealed record ActionBody(string? Reason, string? Note, string? Outcome);
}
