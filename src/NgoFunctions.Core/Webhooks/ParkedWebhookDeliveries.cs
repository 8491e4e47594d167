using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Webhooks;

/// <summary>An NGO's parked webhook deliveries (events that failed for <see cref="WebhookOptions.ParkAfterHours"/>):
/// listed for the NGO, and sent again on its word. One partition query of the NGO's NgoWebhooks rows.</summary>
public sealed class ParkedWebhookDeliveries(StorageTables tables, QueueSender queues, IOptions<QueueOptions> queueNames)
{
    /// <summary>The most parked deliveries one answer lists.</summary>
    public const int MaxListed = 500;

    /// <summary><paramref name="ngoId"/>'s parked deliveries, most recently parked first (at most <see cref="MaxListed"/>).</summary>
    public async Task<IReadOnlyList<ParkedDelivery>> ListAsync(string ngoId, CancellationToken cancellationToken) =>
        (await ParkedAsync(ngoId, cancellationToken))
            .OrderByDescending(p => p.At)
            .Take(MaxListed)
            .Select(p => new ParkedDelivery(p.EventId, p.EventType, NgoCaseView.Display(p.TrackingCode), p.OccurredAt, p.FailingSince, p.At, p.LastError))
            .ToList();

    /// <summary>Sends <paramref name="ngoId"/>'s parked deliveries again: each record is removed (if-match,
    /// so a record another call removed first is not queued twice) and its event queued; it goes out as
    /// soon as the endpoint takes it, after the events of its case that were delivered meanwhile. Returns
    /// how many were queued.</summary>
    public async Task<int> RetryAsync(string ngoId, CancellationToken cancellationToken)
    {
        var queued = 0;
        foreach (var parked in await ParkedAsync(ngoId, cancellationToken))
        {
            try
            {
                await tables.NgoWebhooks.DeleteEntityAsync(parked.PartitionKey, parked.RowKey, parked.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                continue;
            }

            await queues.SendAsync(queueNames.Value.Webhooks, new WebhookDue(ngoId, parked.TrackingCode, parked.EventSequence), cancellationToken);
            queued++;
        }

        return queued;
    }

    private async Task<List<WebhookDeliveryEntity>> ParkedAsync(string ngoId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ngoId} and RowKey gt {Keys.WebhookDeliveryPrefix} and RowKey lt {Keys.WebhookDeliveryPrefix + "~"} and Outcome eq {WebhookDeliveryOutcome.Parked}");
        var parked = new List<WebhookDeliveryEntity>();
        await foreach (var row in tables.NgoWebhooks.QueryAsync<WebhookDeliveryEntity>(filter, cancellationToken: cancellationToken))
        {
            parked.Add(row);
        }

        return parked;
    }
}
