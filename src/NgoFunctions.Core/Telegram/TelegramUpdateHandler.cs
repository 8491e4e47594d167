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

/// <summary>Handles one queued Telegram update (queue <c>telegram-updates</c>). For a private chat, a
/// turn of <see cref="ChatTurns"/> (once per update, state and replies stored together before they are
/// sent) in which <see cref="ConversationEngine"/> answers; for an NGO's group, one in which
/// <see cref="NgoGroupDesk"/> does. A 403 marks the chat unreachable.</summary>
public sealed partial class TelegramUpdateHandler(
    ConversationStore store,
    ConversationEngine engine,
    NgoGroupDesk groups,
    ChatOutbox outbox,
    ChatTurns turns,
    ILogger<TelegramUpdateHandler> logger)
{

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
    private Task ConverseAsync(long updateId, long chatId, Func<ConversationEntity, Task<IReadOnlyList<BotReply>>> answer, CancellationToken cancellationToken) =>
        turns.TakeAsync(updateId.ToString(CultureInfo.InvariantCulture), chatId, answer, cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Telegram update of type {UpdateType} ignored")]
    private partial void LogIgnored(string updateType);
}
