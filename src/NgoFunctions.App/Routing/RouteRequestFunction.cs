using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Poison;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telemetry;

namespace NgoFunctions.App.Routing;

/// <summary>Queue trigger on <c>requests-submitted</c>: routes each submitted request to an NGO.</summary>
public sealed class RouteRequestFunction(RequestRouter router, AttentionFlag attention, IOptions<QueueOptions> queues)
{
    /// <summary>Routes one request; a failure leaves the message to the queue's retries, then its poison queue.</summary>
    [Function(nameof(RouteRequest))]
    public async Task RouteRequest(
        [QueueTrigger("%Queues:RequestsSubmitted%", Connection = "AzureWebJobsStorage")] string message, CancellationToken cancellationToken)
    {
        using var activity = Tracing.StartHandling(nameof(RouteRequest), message);
        var submitted = MessageJson.Read<RequestSubmitted>(message);
        activity?.SetTag("request.id", submitted.RequestId);
        await router.RouteAsync(submitted, cancellationToken);
        if (submitted.Replayed)
        {
            await attention.ClearAsync(submitted.TrackingCode, queues.Value.RequestsSubmitted + QueueOptions.PoisonSuffix, cancellationToken);
        }
    }
}
