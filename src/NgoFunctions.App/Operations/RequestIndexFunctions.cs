using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Routing;

namespace NgoFunctions.App.Operations;

/// <summary>Operators bring the ministry's monitoring index up to date (admin key only).</summary>
public sealed class RequestIndexFunctions(RequestIndex index, StaleRequestResubmitter resubmitter)
{
    /// <summary><c>POST /api/ops/request-index/rebuild</c>: indexes and counts every stored request whose
    /// index row is missing, behind, or not yet in the aggregates (requests stored before the index
    /// existed), gives each request still <c>Submitted</c> its routing marker, then queues again every
    /// request <c>Submitted</c> past the bound, however old (the timer's sweep looks back only
    /// <c>Routing:ResubmitLookbackDays</c>); <c>{scanned, written, resubmitted}</c>. Scans the whole requests
    /// table, so it is for operators, not for a schedule; safe to repeat (a second run writes nothing).</summary>
    [Function(nameof(RebuildRequestIndex))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> RebuildRequestIndex(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/request-index/rebuild")] HttpRequest request, CancellationToken cancellationToken)
    {
        var (scanned, written) = await index.RebuildAsync(cancellationToken);
        var resubmitted = (await resubmitter.ResubmitAllAsync(cancellationToken)).Resubmitted;
        return new OkObjectResult(new { scanned, written, resubmitted });
    }
}
