using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;

namespace NgoFunctions.App.Ministry;

/// <summary>The ministry's read-only monitoring API under <c>/api/ministry</c>. Every call carries the
/// ministry key or the admin key in <c>X-Api-Key</c> (401 otherwise). Answers hold no personal data;
/// bad filters answer 400 naming the fields, in the caller's language.</summary>
public sealed class MinistryMonitoringFunctions(MinistryMonitoring monitoring, Texts texts)
{
    /// <summary><c>GET /api/ministry/requests?status=&amp;sector=&amp;governorate=&amp;needsAttention=&amp;from=&amp;to=&amp;continuationToken=</c>:
    /// requests submitted in the range a page at a time, <c>{items, continuationToken}</c>.</summary>
    [Function(nameof(ListMinistryRequests))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> ListMinistryRequests(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/requests")] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        return Answer(request, await monitoring.ListAsync(MinistryQuery.FilterOf(request), language, cancellationToken), language);
    }

    /// <summary><c>GET /api/ministry/requests/{trackingCode}/events</c>: the whole audit trail, events
    /// and assignments with their routing and decline reasons; 404 for an unknown code.</summary>
    [Function(nameof(GetMinistryRequestEvents))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> GetMinistryRequestEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/requests/{trackingCode}/events")] HttpRequest request,
        string trackingCode,
        CancellationToken cancellationToken)
    {
        return await monitoring.AuditTrailAsync(trackingCode, cancellationToken) is { } trail
            ? new OkObjectResult(trail)
            : Problems.NotFound(request, texts.Get("ministry.request.notFound", RequestLanguage.Of(request)));
    }

    /// <summary><c>GET /api/ministry/coverage?from=&amp;to=</c>: the sector × governorate matrix with the
    /// active NGOs of each cell, its Unroutable requests and whether it is a gap.</summary>
    [Function(nameof(GetMinistryCoverage))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> GetMinistryCoverage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/coverage")] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        return Answer(request, await monitoring.CoverageAsync(MinistryQuery.FilterOf(request), language, cancellationToken), language);
    }

    /// <summary><c>GET /api/ministry/stats?from=&amp;to=&amp;sector=&amp;governorate=</c>: counts by status and
    /// the Unroutable and NeedsAttention backlogs of the requests submitted in the range.</summary>
    [Function(nameof(GetMinistryStats))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> GetMinistryStats(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/stats")] HttpRequest request, CancellationToken cancellationToken)
    {
        var language = RequestLanguage.Of(request);
        return Answer(request, await monitoring.StatsAsync(MinistryQuery.FilterOf(request), language, cancellationToken), language);
    }

    private IActionResult Answer<T>(HttpRequest request, MinistryAnswer<T> answer, Core.Domain.Language language)
        where T : class =>
        answer.Value is { } value
            ? new OkObjectResult(value)
            : Problems.Validation(request, texts, language, answer.Errors);
}
