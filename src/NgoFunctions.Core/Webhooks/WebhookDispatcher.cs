using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Webhooks;

/// <summary>Queues a <see cref="WebhookDue"/> (queue <c>webhooks</c>) for each NGO with a webhook that
/// a request change concerns (<see cref="WebhookEvents.Concerned"/>), side by side with the change's
/// transaction (<see cref="IRequestChangeObserver"/>): one message per NGO, naming the change's last
/// event; the handler sends every earlier event not sent yet first. Nothing is queued for an NGO without a
/// webhook (<see cref="NgoWebhooks.IsRegisteredAsync"/>, usually from memory). A failure to queue is logged
/// and never fails the change: the case's next message, or a retry of the change, sends what was missed.</summary>
public sealed partial class WebhookDispatcher(NgoWebhooks webhooks, QueueSender queues, IOptions<QueueOptions> queueNames, ILogger<WebhookDispatcher> logger)
    : IRequestChangeObserver
{
    /// <inheritdoc />
    public async Task CommittingAsync(ServiceRequestEntity request, IReadOnlyList<RequestEventEntity> events, CancellationToken cancellationToken)
    {
        var due = events
            .Select(e => (Ngo: WebhookEvents.Concerned(request, e), e.Sequence))
            .Where(x => x.Ngo is not null)
            .GroupBy(x => x.Ngo!, StringComparer.Ordinal)
            .Select(g => new WebhookDue(g.Key, request.PartitionKey, g.Max(x => x.Sequence)));
        foreach (var message in due)
        {
            try
            {
                if (await webhooks.IsRegisteredAsync(message.NgoId, cancellationToken))
                {
                    await queues.SendAsync(queueNames.Value.Webhooks, message, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogNotQueued(ex, request.RequestId, message.NgoId, message.UpToSequence);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of NGO {NgoId} for {RequestId} event {EventSequence} not queued; the case's next message sends it")]
    private partial void LogNotQueued(Exception exception, Guid requestId, string ngoId, int eventSequence);
}
