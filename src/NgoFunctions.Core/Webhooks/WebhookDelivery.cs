using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Poison;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Webhooks;

/// <summary>Handles one <see cref="WebhookDue"/> (queue <c>webhooks</c>): sends the NGO's webhook every
/// event of the case up to the message's that concerns the NGO (<see cref="WebhookEvents"/>), happened
/// since the NGO registered, and has no delivery record yet, oldest first, one at a time, so a later event
/// of a case never goes out before an earlier one. Each event sent is recorded (<see cref="WebhookDeliveryEntity"/>,
/// <c>Delivered</c>) and never sent again by a later message. When the endpoint fails, the message goes
/// back on the queue with the growing delay of <see cref="RedeliverySchedule"/> (a quarter of the time
/// it has been failing, 5 s to 30 min, <c>Delivery:*</c>) and the case's later events wait behind it;
/// after <see cref="WebhookOptions.ParkAfterHours"/> of failures the event is recorded <c>Parked</c> (the
/// NGO lists it) and the later ones go on. Idempotent; at least once: two messages of one case running at
/// once may both send an event, with the same id.</summary>
public sealed partial class WebhookDelivery(
    NgoWebhooks webhooks,
    ServiceRequestStore requests,
    StorageTables tables,
    WebhookPayload payload,
    WebhookSender sender,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    IOptions<WebhookOptions> options,
    RedeliverySchedule schedule,
    AttentionFlag attention,
    TimeProvider clock,
    ILogger<WebhookDelivery> logger)
{
    /// <summary>How long a message whose event is not stored yet (it was queued beside the change) is
    /// looked at again before it is dropped: the change did not commit.</summary>
    public static readonly TimeSpan NotStoredWait = TimeSpan.FromMinutes(1);

    /// <summary>Delivers <paramref name="message"/> (see the type). Storage failures throw (the queue retries
    /// the message; after five, it goes to <c>webhooks-poison</c> and its request is flagged). A replayed
    /// message clears that flag once it is handled.</summary>
    public async Task DeliverAsync(WebhookDue message, CancellationToken cancellationToken)
    {
        if (await HandleAsync(message, cancellationToken) && message.Replayed)
        {
            await attention.ClearAsync(message.TrackingCode, queueNames.Value.Webhooks + QueueOptions.PoisonSuffix, cancellationToken);
        }
    }

    // True when done with the message; false when it went back on the queue.
    private async Task<bool> HandleAsync(WebhookDue message, CancellationToken cancellationToken)
    {
        if (await webhooks.FindAsync(message.NgoId, cancellationToken) is not { } registration)
        {
            return true;
        }

        if (await requests.GetHistoryAsync(message.TrackingCode, cancellationToken) is not { } history)
        {
            return true;
        }

        var now = clock.GetUtcNow();
        if (history.Request.EventCount < message.UpToSequence)
        {
            var waitingSince = message.WaitingSince ?? now;
            if (now - waitingSince < NotStoredWait)
            {
                await queues.SendAsync(queueNames.Value.Webhooks, message with { WaitingSince = waitingSince }, TimeSpan.FromSeconds(1), cancellationToken);
                return false;
            }

            LogNeverStored(message.NgoId, history.Request.RequestId, message.UpToSequence);
            return true;
        }

        var recorded = await RecordedAsync(message.NgoId, message.TrackingCode, cancellationToken);
        var secret = webhooks.SecretOf(registration);
        foreach (var change in WebhookEvents.For(history, message.NgoId)
                     .Where(e => e.Sequence <= message.UpToSequence && e.OccurredAt >= registration.CreatedAt && !recorded.Contains(e.Sequence)))
        {
            var failure = await sender.SendAsync(registration.Url, secret, change.Id, payload.Build(history, change, message.NgoId), cancellationToken);
            if (failure is null)
            {
                await RecordAsync(message, change, WebhookDeliveryOutcome.Delivered, message.FailingSince, lastError: null, cancellationToken);
                LogDelivered(message.NgoId, history.Request.RequestId, change.Sequence, change.Type);
                continue;
            }

            var since = message.FailingSince ?? now;
            if (now - since >= TimeSpan.FromHours(options.Value.ParkAfterHours))
            {
                await RecordAsync(message, change, WebhookDeliveryOutcome.Parked, since, failure, cancellationToken);
                LogParked(message.NgoId, history.Request.RequestId, change.Sequence, failure);
                message = message with { FailingSince = null };
                continue;
            }

            LogFailed(message.NgoId, history.Request.RequestId, change.Sequence, failure);
            await queues.SendAsync(queueNames.Value.Webhooks, message with { FailingSince = since }, schedule.WaitFor(now - since), cancellationToken);
            return false;
        }

        return true;
    }

    // The events of this case already done with for this NGO: one range query of its partition.
    private async Task<HashSet<int>> RecordedAsync(string ngoId, string trackingCode, CancellationToken cancellationToken)
    {
        var prefix = Keys.WebhookDeliveryCase(trackingCode);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ngoId} and RowKey gt {prefix} and RowKey lt {prefix + "~"}");
        var done = new HashSet<int>();
        await foreach (var row in tables.NgoWebhooks.QueryAsync<WebhookDeliveryEntity>(filter, select: ["EventSequence"], cancellationToken: cancellationToken))
        {
            done.Add(row.EventSequence);
        }

        return done;
    }

    private async Task RecordAsync(WebhookDue message, WebhookEvent change, string outcome, DateTimeOffset? failingSince, string? lastError, CancellationToken cancellationToken)
    {
        var row = new WebhookDeliveryEntity
        {
            PartitionKey = message.NgoId,
            RowKey = Keys.WebhookDeliveryRow(message.TrackingCode, change.Sequence),
            Outcome = outcome,
            TrackingCode = message.TrackingCode,
            EventSequence = change.Sequence,
            EventType = change.Type,
            EventId = change.Id,
            OccurredAt = change.OccurredAt,
            At = clock.GetUtcNow(),
            FailingSince = failingSince,
            LastError = lastError,
        };
        try
        {
            await tables.NgoWebhooks.AddEntityAsync(row, cancellationToken);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // Another message of the case recorded it first: the same event, done.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook of NGO {NgoId}: {RequestId} event {EventSequence} ({EventType}) delivered")]
    private partial void LogDelivered(string ngoId, Guid requestId, int eventSequence, string eventType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook of NGO {NgoId}: {RequestId} event {EventSequence} not taken ({Failure}); tried again later")]
    private partial void LogFailed(string ngoId, Guid requestId, int eventSequence, string failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook of NGO {NgoId}: {RequestId} event {EventSequence} parked after failing ({Failure})")]
    private partial void LogParked(string ngoId, Guid requestId, int eventSequence, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook of NGO {NgoId}: {RequestId} has no event {EventSequence}; its change did not commit, nothing to send")]
    private partial void LogNeverStored(string ngoId, Guid requestId, int eventSequence);
}

/// <summary>What became of an event sent to an NGO's webhook (<see cref="WebhookDeliveryEntity.Outcome"/>).</summary>
public static class WebhookDeliveryOutcome
{
    /// <summary>The endpoint answered 2xx.</summary>
    public const string Delivered = "Delivered";

    /// <summary>It kept failing for <see cref="WebhookOptions.ParkAfterHours"/>; listed for the NGO.</summary>
    public const string Parked = "Parked";
}
