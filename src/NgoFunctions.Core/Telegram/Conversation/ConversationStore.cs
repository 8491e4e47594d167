using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>Conversation state and each chat's requests (Conversations table, PK = chat id).</summary>
public sealed class ConversationStore(StorageTables tables, TimeProvider clock)
{
    /// <summary>RowKey of the state row.</summary>
    public const string StateRow = "state";

    /// <summary>RowKey prefix of the chat's request rows.</summary>
    public const string RequestPrefix = "request-";

    /// <summary>The chat's state, or a new one (empty ETag) when the chat never wrote. One point read.</summary>
    public async Task<ConversationEntity> GetAsync(long chatId, CancellationToken cancellationToken)
    {
        var response = await tables.Conversations.GetEntityIfExistsAsync<ConversationEntity>(Key(chatId), StateRow, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value! : new ConversationEntity { PartitionKey = Key(chatId), RowKey = StateRow };
    }

    /// <summary>Writes the state if nobody else did since it was read. <c>false</c> on a lost race
    /// (read again and redo).</summary>
    public async Task<bool> TrySaveAsync(ConversationEntity state, CancellationToken cancellationToken)
    {
        state.SavedAt = clock.GetUtcNow();
        try
        {
            var response = state.ETag == default
                ? await tables.Conversations.AddEntityAsync(state, cancellationToken)
                : await tables.Conversations.UpdateEntityAsync(state, state.ETag, TableUpdateMode.Replace, cancellationToken);
            state.ETag = response.Headers.ETag ?? state.ETag;
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Records that the chat can (not) be reached, whatever else changed.</summary>
    public async Task SetUnreachableAsync(long chatId, bool unreachable, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var state = await GetAsync(chatId, cancellationToken);
            if (state.Unreachable == unreachable && state.ETag != default)
            {
                return;
            }

            state.Unreachable = unreachable;
            if (await TrySaveAsync(state, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Whether the chat blocked the bot. One point read (selecting one property).</summary>
    public async Task<bool> IsUnreachableAsync(long chatId, CancellationToken cancellationToken)
    {
        var response = await tables.Conversations.GetEntityIfExistsAsync<TableEntity>(Key(chatId), StateRow, [nameof(ConversationEntity.Unreachable)], cancellationToken);
        return response.HasValue && response.Value!.GetBoolean(nameof(ConversationEntity.Unreachable)) == true;
    }

    /// <summary>Remembers a request created from the chat (idempotent).</summary>
    public async Task AddRequestAsync(long chatId, string trackingCode, DateTimeOffset submittedAt, CancellationToken cancellationToken) =>
        await tables.Conversations.UpsertEntityAsync(
            new ChatRequestEntity { PartitionKey = Key(chatId), RowKey = RequestPrefix + trackingCode, TrackingCode = trackingCode, SubmittedAt = submittedAt },
            TableUpdateMode.Replace,
            cancellationToken);

    /// <summary>The chat's requests, newest first (one partition range query).</summary>
    public async Task<IReadOnlyList<ChatRequestEntity>> GetRequestsAsync(long chatId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Key(chatId)} and RowKey ge {RequestPrefix} and RowKey lt {"request."}");
        var rows = new List<ChatRequestEntity>();
        await foreach (var row in tables.Conversations.QueryAsync<ChatRequestEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows.OrderByDescending(r => r.SubmittedAt).ToList();
    }

    /// <summary>Forgets that the chat made the request <paramref name="trackingCode"/> (its personal data
    /// was erased; idempotent).</summary>
    public async Task RemoveRequestAsync(long chatId, string trackingCode, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Conversations.DeleteEntityAsync(Key(chatId), RequestPrefix + trackingCode, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Forgotten already.
        }
    }

    /// <summary>Deletes bot drafts abandoned before <paramref name="lastWriteBefore"/>: state rows of chats
    /// in the middle of writing a request (any step but <c>Idle</c>), or holding a draft's description or
    /// phone, last written before that (<see cref="ConversationEntity.SavedAt"/>). If-match each row's
    /// ETag, so a chat that speaks meanwhile keeps its draft. One query over the state rows written before
    /// the bound by storage's clock (a scan filtered by the server). Returns how many were deleted.</summary>
    public async Task<int> DeleteAbandonedDraftsAsync(DateTimeOffset lastWriteBefore, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {StateRow} and Timestamp lt {lastWriteBefore}");
        string[] columns = ["PartitionKey", "RowKey", "Timestamp", nameof(ConversationEntity.Step), nameof(ConversationEntity.Description), nameof(ConversationEntity.Phone), nameof(ConversationEntity.SavedAt)];
        var deleted = 0;
        await foreach (var row in tables.Conversations.QueryAsync<TableEntity>(filter, select: columns, cancellationToken: cancellationToken))
        {
            var draft = row.GetString(nameof(ConversationEntity.Step)) is { } step && step != nameof(ConversationStep.Idle)
                || !string.IsNullOrEmpty(row.GetString(nameof(ConversationEntity.Description)))
                || !string.IsNullOrEmpty(row.GetString(nameof(ConversationEntity.Phone)));
            if (!draft || (row.GetDateTimeOffset(nameof(ConversationEntity.SavedAt)) ?? row.Timestamp) >= lastWriteBefore)
            {
                continue;
            }

            try
            {
                await tables.Conversations.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Deleted by another sweep, or the chat spoke again: either way nothing to do.
            }
        }

        return deleted;
    }

    private static string Key(long chatId) => chatId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
