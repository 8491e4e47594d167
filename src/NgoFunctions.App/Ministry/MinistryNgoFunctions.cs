using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Poison;

namespace NgoFunctions.App.Ministry;

/// <summary>The ministry's view of the NGOs: who is overloaded, who is slow. Ministry key or admin key
/// in <c>X-Api-Key</c> (401 otherwise); no personal data.</summary>
public sealed class MinistryNgoFunctions(NgoPerformance performance, PoisonReplay parked)
{
    /// <summary><c>GET /api/ministry/ngos</c>: <c>{ngos:[…]}</c>, every registered NGO by id with its
    /// load, acceptance, decline reasons, times to accept and resolve and citizens' rating, read from
    /// the per-NGO counters kept on every transition (see <see cref="NgoPerformance"/>).</summary>
    [Function(nameof(GetMinistryNgos))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> GetMinistryNgos(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/ngos")] HttpRequest request, CancellationToken cancellationToken)
    {
        return new OkObjectResult(await performance.ListAsync(cancellationToken));
    }

    /// <summary><c>GET /api/ministry/parked-messages</c>: <c>{queues:[{queue, stage, count, withRequest,
    /// oldest}]}</c>, the messages that failed every try and wait, kept, for an operator to fix the cause
    /// and replay them (<c>/api/ops/poison-messages</c>): how many per stage (routing, notification, bot
    /// update) and since when. Counts only, no message content.</summary>
    [Function(nameof(GetParkedMessages))]
    [RequiresKey(CallerRole.Ministry)]
    public async Task<IActionResult> GetParkedMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ministry/parked-messages")] HttpRequest request, CancellationToken cancellationToken)
    {
        return new OkObjectResult(new { queues = await parked.CountAsync(cancellationToken) });
    }
}
