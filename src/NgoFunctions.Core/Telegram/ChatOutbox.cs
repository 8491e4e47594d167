using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Telegram;

/// <summary>The bot's replies to one chat that are not delivered yet, kept in the chat's conversation
/// row (<see cref="ConversationEntity.Outbox"/>) and sent in order by whoever holds its claim. A reply is
/// removed only once the Bot API took it (or refused it for good, or the chat blocked the bot); a failed
/// send releases the claim and leaves the reply first in line, to be tried again from the queue with a
/// growing delay (<see cref="RedeliverySchedule"/>). So a reply is never lost to an outage, and replies
/// of one chat never overtake each other. At least once: a crash between the Bot API's answer and the
/// release sends that reply again.</summary>
public sealed partial class ChatOutbox(
    ConversationStore store,
    BotReplySender sender,
    TelegramGateway telegram,
    ChatPseudonyms pseudonyms,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    RedeliverySchedule schedule,
    TimeProvider clock,
    ILogger<ChatOutbox> logger)
{
    // Longer than a handful of replies take even with the HTTP client's own retries (each reply gives
    // up within about 20 s); short next to the queue runtime's redelivery after a crash.
    private static readonly TimeSpan ClaimFor = TimeSpan.FromSeconds(90);

    // A string property of a table entity holds at most 32 K UTF-16 characters; the oldest replies give
    // way first (a citizen who tapped through a long outage needs the latest prompts, and /status shows
    // every tracking code).
    private const int MaxOutboxChars = 30_000;

    /// <summary>Puts <paramref name="replies"/> after those already waiting in <paramref name="state"/>
    /// and claims the outbox for the caller when nobody holds it. Returns whether the caller holds the
    /// claim once <paramref name="state"/> is saved: then it sends with <see cref="SendClaimedAsync"/>.
    /// Otherwise the holder sends these replies too: its release sees them added and it goes on (and
    /// should it die, the redelivery of its own message sends them, as does the chat's next update once
    /// the claim has run out).</summary>
    public bool Append(ConversationEntity state, IReadOnlyList<BotReply> replies)
    {
        var pending = Read(state);
        pending.AddRange(replies);
        while (pending.Count > 1 && JsonSerializer.Serialize(pending, MessageJson.Options).Length > MaxOutboxChars)
        {
            pending.RemoveAt(0);
            LogTrimmed(pseudonyms.Of(long.Parse(state.PartitionKey, System.Globalization.CultureInfo.InvariantCulture)));
        }

        state.Outbox = Write(pending);
        return TryClaim(state) == Claim.Taken;
    }

    /// <summary>Sends what waits for chat <paramref name="chatId"/>: claims the outbox, sends, releases,
    /// and again while replies were added meanwhile. <paramref name="failingSince"/>: when sending to the
    /// chat began failing (from an <see cref="OutboxRetry"/>), or <c>null</c>. Throws
    /// <see cref="BotApiUnavailableException"/> once sending has failed for longer than
    /// <see cref="DeliveryOptions.GiveUpAfterHours"/> (the queue then parks the message on its poison
    /// queue; the replies stay in the outbox).</summary>
    public async Task DeliverAsync(long chatId, DateTimeOffset? failingSince, CancellationToken cancellationToken) =>
        await DeliverAsync(await store.GetAsync(chatId, cancellationToken), failingSince, cancellationToken);

    /// <summary>As <see cref="DeliverAsync(long, DateTimeOffset?, CancellationToken)"/>, starting from
    /// <paramref name="state"/> just read.</summary>
    public async Task DeliverAsync(ConversationEntity state, DateTimeOffset? failingSince, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Empty, or another handler is sending (it sends whatever waits, this included).
            if (TryClaim(state) != Claim.Taken)
            {
                return;
            }

            if (await store.TrySaveAsync(state, cancellationToken)
                && !await SendClaimedAsync(state, failingSince, cancellationToken))
            {
                return;
            }

            state = await store.GetAsync(ChatId(state), cancellationToken);
        }
    }

    /// <summary>Sends the outbox of <paramref name="state"/>, whose claim the caller holds (saved), then
    /// takes the sent replies out and releases the claim. A stop is handled here: 429 and an unreachable
    /// Bot API put an <see cref="OutboxRetry"/> on the queue (the Bot API's delay, or the growing one),
    /// 403 marks the chat unreachable and drops what waits. Returns whether more replies were added
    /// meanwhile (the caller reads the chat again and delivers them).</summary>
    public async Task<bool> SendClaimedAsync(ConversationEntity state, DateTimeOffset? failingSince, CancellationToken cancellationToken)
    {
        var chatId = ChatId(state);
        var claim = state.OutboxClaimedUntil;
        var replies = Read(state);
        SendOutcome outcome;
        if (telegram.IsConfigured)
        {
            outcome = await sender.SendAsync(chatId, replies, cancellationToken);
        }
        else
        {
            // No bot token (the webhook secret alone is set): these replies can never go out.
            LogNoBot(pseudonyms.Of(chatId), replies.Count);
            outcome = new SendOutcome(replies.Count, SendStop.None);
        }

        var more = await ReleaseAsync(state, claim, outcome, cancellationToken);
        switch (outcome.Stop)
        {
            case SendStop.Unreachable:
                LogUnreachable(pseudonyms.Of(chatId));
                return false;
            case SendStop.RateLimited:
                await queues.SendAsync(queueNames.Value.TelegramUpdates, new OutboxRetry(chatId, failingSince), outcome.RetryAfter, cancellationToken);
                LogRateLimited(pseudonyms.Of(chatId), outcome.RetryAfter!.Value.TotalSeconds);
                return false;
            case SendStop.Unavailable:
                var since = failingSince ?? clock.GetUtcNow();
                var delay = schedule.NextDelay(since) ?? throw new BotApiUnavailableException($"Replies to chat {chatId} could not be sent since {since:O}.");
                await queues.SendAsync(queueNames.Value.TelegramUpdates, new OutboxRetry(chatId, since), delay, cancellationToken);
                return false;
            default:
                return more;
        }
    }

    // Takes the sent replies off the front and ends the claim; on a lost race (a reply added by another
    // update) reads again and does the same, and says so. If the claim is no longer ours (we were slower
    // than the claim and another handler took over and sent), nothing is taken off: sending a reply
    // twice is the lesser harm than dropping one.
    private async Task<bool> ReleaseAsync(ConversationEntity state, DateTimeOffset? claim, SendOutcome outcome, CancellationToken cancellationToken)
    {
        var added = false;
        while (true)
        {
            if (state.OutboxClaimedUntil == claim)
            {
                var pending = Read(state);
                state.Outbox = outcome.Unreachable ? null : Write(pending.Skip(outcome.Sent));
                state.OutboxClaimedUntil = null;
                state.Unreachable |= outcome.Unreachable;
                if (await store.TrySaveAsync(state, cancellationToken))
                {
                    return added && state.Outbox is not null;
                }

                added = true;
            }
            else
            {
                return state.Outbox is not null;
            }

            state = await store.GetAsync(ChatId(state), cancellationToken);
        }
    }

    private Claim TryClaim(ConversationEntity state)
    {
        if (state.Outbox is null || state.Unreachable)
        {
            return Claim.Empty;
        }

        var now = clock.GetUtcNow();
        if (state.OutboxClaimedUntil > now)
        {
            return Claim.Held;
        }

        // Whole milliseconds: the claim is compared after a round trip through the table.
        var until = now + ClaimFor;
        state.OutboxClaimedUntil = until.AddTicks(-(until.Ticks % TimeSpan.TicksPerMillisecond));
        return Claim.Taken;
    }

    private static List<BotReply> Read(ConversationEntity state) =>
        state.Outbox is null ? [] : JsonSerializer.Deserialize<List<BotReply>>(state.Outbox, MessageJson.Options) ?? [];

    private static string? Write(IEnumerable<BotReply> replies)
    {
        var list = replies.ToList();
        return list.Count == 0 ? null : JsonSerializer.Serialize(list, MessageJson.Options);
    }

    private static long ChatId(ConversationEntity state) => long.Parse(state.PartitionKey, System.Globalization.CultureInfo.InvariantCulture);

    private enum Claim
    {
        Empty,
        Held,
        Taken,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {Chat} blocked the bot; nothing more is sent to it")]
    private partial void LogUnreachable(string chat);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot API rate limit for chat {Chat}: the rest follows in {Seconds} s")]
    private partial void LogRateLimited(string chat, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram:BotToken is not configured: {Count} replies to chat {Chat} dropped")]
    private partial void LogNoBot(string chat, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox of chat {Chat} full: its oldest reply was dropped")]
    private partial void LogTrimmed(string chat);
}
