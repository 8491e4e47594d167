using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Telegram;

/// <summary>One turn of a chat, taken once: reads the conversation, skips a turn it took before (its id
/// kept among the last 50, no ordering assumed), lets the caller answer, stores state and replies
/// together (ETag-checked; a lost race is redone on fresh state), then sends the chat's outbox
/// (<see cref="ChatOutbox"/>). A crash, a Bot API outage or a 429 in between leaves the replies stored
/// and sends them later, in order, rather than never. A turn is a Telegram update (its
/// <c>update_id</c>) or a request made in the Mini App (<c>miniapp-{tracking code}</c>).</summary>
public sealed class ChatTurns(ConversationStore store, ChatOutbox outbox)
{
    private const int KeptTurnIds = 50;
    private const int Attempts = 5;

    /// <summary>Takes turn <paramref name="turnId"/> (no comma) of chat <paramref name="chatId"/>:
    /// <paramref name="answer"/> moves the state it is given (a fresh copy on each attempt) and returns
    /// the replies. Throws <see cref="InvalidOperationException"/> when the turn keeps losing races for
    /// the conversation (the caller's queue or client tries again), and
    /// <see cref="BotApiUnavailableException"/> as <see cref="ChatOutbox"/> does.</summary>
    public async Task TakeAsync(string turnId, long chatId, Func<ConversationEntity, Task<IReadOnlyList<BotReply>>> answer, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var state = await store.GetAsync(chatId, cancellationToken);
            var taken = state.HandledUpdates.Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (taken.Contains(turnId))
            {
                // Taken before (or before a crash): its replies went out, or wait in the outbox.
                await outbox.DeliverAsync(state, failingSince: null, cancellationToken);
                return;
            }

            var replies = await answer(state);
            state.HandledUpdates = string.Join(',', taken.Append(turnId).TakeLast(KeptTurnIds));
            var claimed = outbox.Append(state, replies);
            if (await store.TrySaveAsync(state, cancellationToken))
            {
                if (claimed && await outbox.SendClaimedAsync(state, failingSince: null, cancellationToken))
                {
                    await outbox.DeliverAsync(chatId, failingSince: null, cancellationToken);
                }

                return;
            }
        }

        throw new InvalidOperationException($"Turn {turnId} kept losing races for its conversation; it will be tried again.");
    }
}
