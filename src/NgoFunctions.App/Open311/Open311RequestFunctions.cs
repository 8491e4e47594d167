using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Open311;
using NgoFunctions.Core.Outcomes;

namespace NgoFunctions.App.Open311;

/// <summary>Service requests through Open311 GeoReport v2 under <c>/api/open311/v2</c>, JSON or XML by the
/// path's extension, errors in the spec's form (<see cref="Open311Answers"/>) in the caller's language.</summary>
public sealed class Open311RequestFunctions(Open311Intake intake, Open311RequestQuery query, Texts texts)
{
    private const string ReadReason = "Open311 status by tracking code (the key, as on the status page): sector, P-codes, status, NGO and dates only, no personal data";

    /// <summary><c>POST /api/open311/v2/requests.{format}</c>, form-encoded, with a partner key (<c>api_key</c>):
    /// 200 <c>[{"service_request_id": "&lt;tracking code&gt;", "service_notice", "account_id": null}]</c>; 400 with
    /// one error per bad field (Open311 names: <c>service_code</c>, <c>attribute[consent]</c>, ...), also for a
    /// body that is not a form and for a phone number that already has an open request of the sector (no
    /// new request, and not its id: a phone number proves nobody); 403 without a valid partner key; 404 for
    /// an unknown extension; 429 over the phone limit, with <c>Retry-After</c>.</summary>
    [Function(nameof(SubmitOpen311Request))]
    [RequiresKey(CallerRole.Partner)]
    public async Task<IActionResult> SubmitOpen311Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "open311/v2/requests.{format}")] HttpRequest request, string format, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        if (Open311Formats.Parse(format) is not { } f)
        {
            return Open311Answers.Error(null, StatusCodes.Status404NotFound, texts.Get("open311.error.format", language));
        }

        if (await Open311FormReader.ReadAsync(request, cancellationToken) is not { } post)
        {
            return Open311Answers.Error(f, StatusCodes.Status400BadRequest, texts.Get("open311.error.form", language));
        }

        switch (await intake.SubmitAsync(post with { PartnerId = CallerPartner.Of(request) }, cancellationToken))
        {
            case Outcome<IntakeReceipt>.Done { Value.Duplicate: true }:
                return Open311Answers.Error(f, StatusCodes.Status400BadRequest, texts.Get("open311.error.duplicate", language));
            case Outcome<IntakeReceipt>.Done done:
                var created = new Open311RequestCreated(done.Value.TrackingCode.ToString(), texts.Get("open311.notice.submitted", language), null);
                return Open311Answers.Body(new[] { created }, f, "service_requests", "request");
            case Outcome<IntakeReceipt>.Rejected rejected:
                return Open311Answers.Errors(f, StatusCodes.Status400BadRequest, rejected.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}")));
            case Outcome<IntakeReceipt>.Limited limited:
                OutcomeResults.SetRetryAfter(request, limited);
                return Open311Answers.Error(f, StatusCodes.Status429TooManyRequests, OutcomeResults.LimitTitle(limited, texts, language));
            case var other:
                // Intake answers only the cases above (ServiceRequestIntake.SubmitAsync).
                throw new UnreachableException($"Intake answered {other.GetType().Name}.");
        }
    }

    /// <summary><c>GET /api/open311/v2/requests.{format}?service_request_id=</c>: the requests named (see
    /// <see cref="Open311RequestQuery.ListAsync"/>), without personal data; 400 error without ids or over
    /// 50 (requests are never listed: an id is a tracking code, a key); no key (see docs/open311.md).</summary>
    [Function(nameof(ListOpen311Requests))]
    [PublicEndpoint(ReadReason)]
    public async Task<IActionResult> ListOpen311Requests(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/requests.{format}")] HttpRequest request, string format, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        if (Open311Formats.Parse(format) is not { } f)
        {
            return Open311Answers.Error(null, StatusCodes.Status404NotFound, texts.Get("open311.error.format", language));
        }

        var q = request.Query;
        var listed = await query.ListAsync(q["service_request_id"], language, cancellationToken);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return listed is Outcome<IReadOnlyList<Open311ServiceRequest>>.Done done
            ? Open311Answers.Body(done.Value, f, "service_requests", "request")
            : Open311Answers.Errors(f, StatusCodes.Status400BadRequest, ((Outcome<IReadOnlyList<Open311ServiceRequest>>.Rejected)listed).Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
    }

    /// <summary><c>GET /api/open311/v2/requests/{id}.{format}</c>: a list of one request (the spec's shape), the
    /// id a tracking code; 404 error when there is none.</summary>
    [Function(nameof(GetOpen311Request))]
    [PublicEndpoint(ReadReason)]
    public async Task<IActionResult> GetOpen311Request(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/requests/{id}.{format}")] HttpRequest request, string id, string format, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        if (Open311Formats.Parse(format) is not { } f)
        {
            return Open311Answers.Error(null, StatusCodes.Status404NotFound, texts.Get("open311.error.format", language));
        }

        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return await query.FindAsync(id, language, cancellationToken) is { } found
            ? Open311Answers.Body(new[] { found }, f, "service_requests", "request")
            : Open311Answers.Error(f, StatusCodes.Status404NotFound, texts.Get("open311.error.request", language));
    }
}
