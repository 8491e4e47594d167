using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using NgoFunctions.App.Access;
using NgoFunctions.App.Http;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Poison;

namespace NgoFunctions.App.Operations;

/// <summary>Operators read and replay what the poison queues kept (admin key only).</summary>
public sealed class PoisonMessagesFunctions(PoisonReplay replay, Texts texts)
{
    private const int MaxListed = 500;

    /// <summary><c>GET /api/ops/poison-messages/{queue}</c> (e.g. <c>requests-submitted-poison</c>):
    /// <c>[{key, trackingCode, receivedAt, body}]</c>, oldest first, at most 500; 404 for a name that is
    /// not one of our poison queues.</summary>
    [Function(nameof(ListPoisonMessages))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> ListPoisonMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ops/poison-messages/{queue}")] HttpRequest request, string queue, CancellationToken cancellationToken)
    {
        if (!replay.IsPoisonQueue(queue))
        {
            return Problems.NotFound(request, texts.Get("problem.queue.unknown", RequestLanguage.Of(request)));
        }

        var kept = await replay.ListAsync(queue, MaxListed, cancellationToken);
        return new OkObjectResult(kept.Select(k => new { key = k.RowKey, trackingCode = k.TrackingCode, receivedAt = k.ReceivedAt, body = k.Body }));
    }

    /// <summary><c>POST /api/ops/poison-messages/{queue}/replay</c>: puts every kept message back on the
    /// queue it came from; <c>{replayed: n}</c>, 404 for a name that is not one of our poison queues, 409 for
    /// <c>telegram-updates-poison</c> (kept as ids only, nothing to replay).</summary>
    [Function(nameof(ReplayPoisonMessages))]
    [RequiresKey(CallerRole.Admin)]
    public async Task<IActionResult> ReplayPoisonMessages(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "ops/poison-messages/{queue}/replay")] HttpRequest request, string queue, CancellationToken cancellationToken)
    {
        if (!replay.IsPoisonQueue(queue))
        {
            return Problems.NotFound(request, texts.Get("problem.queue.unknown", RequestLanguage.Of(request)));
        }

        return await replay.ReplayAsync(queue, cancellationToken) is { } replayed
            ? new OkObjectResult(new { replayed })
            : Problems.Status(request, StatusCodes.Status409Conflict, texts.Get("problem.queue.notReplayable", RequestLanguage.Of(request)));
    }
}
