using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Conversation;
using NgoFunctions.Core.Telegram.Groups;
using NgoFunctions.Core.Telegram.Updates;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NgoFunctions.Core.Telegram;

/// <summary>Handles one queued Telegram update (queue <c>telegram-updates</c>). For a private chat:
/// reads the conversation, skips an update it handled before (ids kept, no ordering assumed), lets
/// <see cref="ConversationEngine"/> answer, stores state and replies together (ETag-checked; a lost
/// race is redone on fresh state), then sends the replies and clears them: a crash in between sends
/// them on the next delivery rather than never. A 429 parks the rest on the queue with a delay; a 403
/// marks the chat unreachable.</summary>
public sealed partial class TelegramUpdateHandler(
    ConversationStore store,
    ConversationEngine engine,
    NgoGroupDesk groups,
    BotReplySender sender,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    TimeProvider clock,
    ILogger<TelegramUpdateHandler> logger)
{
    private const int KeptUpdateIds = 50;
    private const int Attempts = 5;

    // Long enough to send a handful of replies; short next to the queue's redelivery after a crash.
    private static readonly TimeSpan OutboxClaim = TimeSpan.FromSeconds(30);

    /// <summary>Handles one queue message: an update as Telegram sent it, or an <see cref="OutboxRetry"/>.
    /// A message it cannot read is logged without its content and completed.</summary>
    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        if (MessageJson.TryRead<OutboxRetry>(body) is { ChatId: not 0 } retry)
        {
            await FlushAsync(await store.GetAsync(retry.ChatId, cancellationToken), retry.UpdateId, cancellationToken);
            return;
        }

        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            update = null;
        }

        switch (update is null ? new UpdateKind.Ignored("unreadable") : UpdateReader.Read(update))
        {
            case UpdateKind.Private chat:
                await ConverseAsync(update!.Id, chat.ChatId, state => engine.HandleAsync(state, chat.ChatId, chat.Input, cancellationToken), cancellationToken);
                break;
            case UpdateKind.Group group:
                await ConverseAsync(update!.Id, group.ChatId, _ => groups.HandleAsync(group.ChatId, group.Input, cancellationToken), cancellationToken);
                break;
            case UpdateKind.MemberChanged member:
                await store.SetUnreachableAsync(member.ChatId, member.Blocked, cancellationToken);
                break;
            case UpdateKind.Ignored ignored:
                LogIgnored(ignored.Type);
                break;
        }
    }

    // The same once-per-update, store-then-send discipline for a private conversation and a group.
    private async Task ConverseAsync(long updateId, long chatId, Func<ConversationEntity, Task<IReadOnlyList<BotReply>>> answer, CancellationToken cancellationToken)
    {
        var id = updateId.ToString(CultureInfo.InvariantCulture);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var state = await store.GetAsync(chatId, cancellationToken);
            var handled = state.HandledUpdates.Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (handled.Contains(id))
            {
                await FlushAsync(state, updateId, cancellationToken);
                return;
            }

            var replies = await answer(state);
            state.HandledUpdates = string.Join(',', handled.Append(id).TakeLast(KeptUpdateIds));
            state.Outbox = JsonSerializer.Serialize(replies, MessageJson.Options);
            state.OutboxUpdateId = updateId;
            state.OutboxClaimedUntil = clock.GetUtcNow() + OutboxClaim;
            if (await store.TrySaveAsync(state, cancellationToken))
            {
                await SendOutboxAsync(state, updateId, cancellationToken);
                return;
            }
        }

        throw new InvalidOperationException($"Update {updateId} kept losing races for its conversation; the queue will deliver it again.");
    }

    // Another delivery of an update already handled: send its replies only if nobody is sending them
    // (the first handler died after storing them), claiming them first so two deliveries never both send.
    private async Task FlushAsync(ConversationEntity state, long updateId, CancellationToken cancellationToken)
    {
        if (state.OutboxUpdateId != updateId || state.Outbox is null || state.Unreachable || state.OutboxClaimedUntil > clock.GetUtcNow())
        {
            return;
        }

        state.OutboxClaimedUntil = clock.GetUtcNow() + OutboxClaim;
        if (await store.TrySaveAsync(state, cancellationToken))
        {
            await SendOutboxAsync(state, updateId, cancellationToken);
        }
    }

    private async Task SendOutboxAsync(ConversationEntity state, long updateId, CancellationToken cancellationToken)
    {
        var chatId = long.Parse(state.PartitionKey, CultureInfo.InvariantCulture);
        var replies = JsonSerializer.Deserialize<List<BotReply>>(state.Outbox ?? "[]", MessageJson.Options) ?? [];
        var outcome = await sender.SendAsync(chatId, replies, cancellationToken);
        state.Outbox = null;
        state.OutboxClaimedUntil = null;
        if (outcome.Unreachable)
        {
            state.Unreachable = true;
            LogUnreachable(chatId);
        }
        else if (outcome.RetryAfter is { } delay)
        {
            state.Outbox = JsonSerializer.Serialize(replies.Skip(outcome.Sent), MessageJson.Options);
            await queues.SendAsync(queueNames.Value.TelegramUpdates, new OutboxRetry(chatId, updateId), delay, cancellationToken);
            LogRateLimited(chatId, delay.TotalSeconds);
        }

        // A lost race here only means a newer update moved the chat on; its own replies are its own.
        await store.TrySaveAsync(state, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram update of type {UpdateType} ignored")]
    private partial void LogIgnored(string updateType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} blocked the bot; nothing more is sent to it")]
    private partial void LogUnreachable(long chatId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot API rate limit for chat {ChatId}: the rest follows in {Seconds} s")]
    private partial void LogRateLimited(long chatId, double seconds);
}
