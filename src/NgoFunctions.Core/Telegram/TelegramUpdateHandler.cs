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
/// race is redone on fresh state), then sends the chat's outbox (<see cref="ChatOutbox"/>): a crash,
/// an outage of the Bot API or a 429 in between leaves the replies stored and sends them later, in
/// order, rather than never. A 403 marks the chat unreachable.</summary>
public sealed partial class TelegramUpdateHandler(
    ConversationStore store,
    ConversationEngine engine,
    NgoGroupDesk groups,
    ChatOutbox outbox,
    ILogger<TelegramUpdateHandler> logger)
{
    private const int KeptUpdateIds = 50;
    private const int Attempts = 5;

    /// <summary>Handles one queue message: an update as Telegram sent it, or an <see cref="OutboxRetry"/>.
    /// A message it cannot read is logged without its content and completed. Throws
    /// <see cref="BotApiUnavailableException"/> when the Bot API has been unreachable for longer than
    /// the delivery settings wait.</summary>
    public async Task HandleAsync(string body, CancellationToken cancellationToken)
    {
        if (MessageJson.TryRead<OutboxRetry>(body) is { ChatId: not 0 } retry)
        {
            await outbox.DeliverAsync(retry.ChatId, retry.FailingSince, cancellationToken);
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
                await ConverseAsync(update!.Id, group.ChatId, _ => groups.HandleAsync(group.ChatId, group.From, group.Input, cancellationToken), cancellationToken);
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
                // Delivered again (or after a crash): its replies went out, or wait in the outbox.
                await outbox.DeliverAsync(state, failingSince: null, cancellationToken);
                return;
            }

            var replies = await answer(state);
            state.HandledUpdates = string.Join(',', handled.Append(id).TakeLast(KeptUpdateIds));
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

        throw new InvalidOperationException($"Update {updateId} kept losing races for its conversation; the queue will deliver it again.");
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram update of type {UpdateType} ignored")]
    private partial void LogIgnored(string updateType);
}
