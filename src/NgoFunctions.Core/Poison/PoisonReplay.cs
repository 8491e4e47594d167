using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Poison;

/// <summary>Lists the messages kept from the poison queues and puts them back on the queue they came
/// from once the cause is fixed. Every handler is idempotent, so a replayed message that was in fact
/// handled changes nothing. Bodies hold ids only, never personal data (a Telegram update is kept as its
/// <see cref="TelegramUpdateDigest"/>, so it cannot be replayed: the citizen's next message goes on).</summary>
public sealed partial class PoisonReplay(StorageTables tables, QueueSender queues, IOptions<QueueOptions> queueNames, TimeProvider clock, ILogger<PoisonReplay> logger)
{
    /// <summary>Whether <paramref name="poisonQueue"/> is the poison twin of one of our queues.</summary>
    public bool IsPoisonQueue(string poisonQueue) =>
        queueNames.Value.Primary.Any(q => q + QueueOptions.PoisonSuffix == poisonQueue);

    /// <summary>Whether what <paramref name="poisonQueue"/> keeps can be put back on its queue: not so for
    /// <c>telegram-updates-poison</c>, whose rows hold ids only, not the update.</summary>
    public bool IsReplayable(string poisonQueue) =>
        IsPoisonQueue(poisonQueue) && poisonQueue != queueNames.Value.TelegramUpdates + QueueOptions.PoisonSuffix;

    /// <summary>The kept messages of <paramref name="poisonQueue"/> (e.g. <c>requests-submitted-poison</c>),
    /// oldest first, at most <paramref name="limit"/>. One partition query.</summary>
    public async Task<IReadOnlyList<PoisonMessageEntity>> ListAsync(string poisonQueue, int limit, CancellationToken cancellationToken)
    {
        var kept = new List<PoisonMessageEntity>();
        await foreach (var row in tables.PoisonMessages.QueryAsync<PoisonMessageEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {poisonQueue}"), cancellationToken: cancellationToken))
        {
            kept.Add(row);
        }

        return kept.OrderBy(r => r.ReceivedAt).Take(limit).ToList();
    }

    /// <summary>Puts every kept message of <paramref name="poisonQueue"/> back on its original queue and
    /// removes it from the table (if-match its ETag: a message kept again meanwhile stays). Returns how
    /// many were replayed; <c>null</c> when <paramref name="poisonQueue"/> is not one of our poison queues
    /// or is not <see cref="IsReplayable"/>.</summary>
    public async Task<int?> ReplayAsync(string poisonQueue, CancellationToken cancellationToken)
    {
        if (!IsReplayable(poisonQueue))
        {
            return null;
        }

        var target = poisonQueue[..^QueueOptions.PoisonSuffix.Length];

        var replayed = 0;
        foreach (var row in await ListAsync(poisonQueue, int.MaxValue, cancellationToken))
        {
            await queues.SendRawAsync(target, MarkReplayed(row.Body), cancellationToken);
            try
            {
                await tables.PoisonMessages.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Replayed by someone else, or kept again: either way nothing is lost.
            }

            replayed++;
        }

        LogReplayed(replayed, poisonQueue, target, clock.GetUtcNow());
        return replayed;
    }

    /// <summary>How many messages each poison queue holds in the table, for the ministry: per queue, the
    /// stage it stands for (<c>routing</c>, <c>notification</c>, <c>bot-update</c>, <c>webhook</c>), the count, how many
    /// concern a request (each flagged <c>NeedsAttention</c>) and when the oldest was kept. One query per
    /// poison queue, reading two columns; no body is read or shown.</summary>
    public async Task<IReadOnlyList<ParkedMessages>> CountAsync(CancellationToken cancellationToken)
    {
        var names = queueNames.Value;
        var stages = new[] { (names.RequestsSubmitted, "routing"), (names.Notifications, "notification"), (names.TelegramUpdates, "bot-update"), (names.Webhooks, "webhook") };
        var counts = new List<ParkedMessages>();
        foreach (var (queue, stage) in stages)
        {
            var poisonQueue = queue + QueueOptions.PoisonSuffix;
            int count = 0, withRequest = 0;
            DateTimeOffset? oldest = null;
            var rows = tables.PoisonMessages.QueryAsync<PoisonMessageEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {poisonQueue}"),
                select: [nameof(PoisonMessageEntity.ReceivedAt), nameof(PoisonMessageEntity.TrackingCode)],
                cancellationToken: cancellationToken);
            await foreach (var row in rows)
            {
                count++;
                withRequest += row.TrackingCode is null ? 0 : 1;
                oldest = oldest is null || row.ReceivedAt < oldest ? row.ReceivedAt : oldest;
            }

            counts.Add(new ParkedMessages(poisonQueue, stage, count, withRequest, oldest));
        }

        return counts;
    }

    // A message of ours is a JSON object: it says it was replayed, so its handler clears the request's
    // NeedsAttention flag once it succeeds (AttentionFlag). Anything else goes back as it was.
    private static string MarkReplayed(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject message)
            {
                message["replayed"] = true;
                return message.ToJsonString();
            }
        }
        catch (JsonException)
        {
        }

        return body;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replayed {Count} messages from {PoisonQueue} to {Queue} at {At}")]
    private partial void LogReplayed(int count, string poisonQueue, string queue, DateTimeOffset at);
}

/// <summary>Messages kept from one poison queue (<see cref="PoisonReplay.CountAsync"/>).</summary>
/// <param name="Queue">The poison queue, e.g. <c>notifications-poison</c>.</param>
/// <param name="Stage">What failed: <c>routing</c>, <c>notification</c>, <c>bot-update</c> or <c>webhook</c>.</param>
/// <param name="Count">Messages kept.</param>
/// <param name="WithRequest">Of them, those about a request (which is flagged <c>NeedsAttention</c>).</param>
/// <param name="Oldest">When the oldest was kept (UTC), or <c>null</c> when none is.</param>
public sealed record ParkedMessages(string Queue, string Stage, int Count, int WithRequest, DateTimeOffset? Oldest);
