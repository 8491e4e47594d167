using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NgoFunctions.Core.Poison;

/// <summary>What may be kept of a message that failed every try on <c>telegram-updates</c>: a Telegram
/// update holds a citizen's words, shared phone number, name or location, so only its
/// <c>update_id</c>, its type and a keyed hash of its chat are kept, enough to count failures per chat
/// and to find the update in Telegram-side records, never its content. Shape:
/// <c>{"update_id":123,"type":"Message","chat":"(32 hex digits)"}</c>; an outbox retry is
/// <c>{"type":"OutboxRetry","chat":"..."}</c>; anything unreadable <c>{"type":"Unreadable","bytes":n}</c>.</summary>
/// <remarks>The chat hash is its <see cref="ChatPseudonyms"/> pseudonym (the one logs use); without a
/// webhook secret, <c>chat</c> is left out.</remarks>
public sealed class TelegramUpdateDigest(ChatPseudonyms pseudonyms)
{
    /// <summary>The digest of <paramref name="body"/> (a <c>telegram-updates</c> message), as JSON.</summary>
    public string Reduce(string body)
    {
        var digest = new JsonObject();
        if (MessageJson.TryRead<OutboxRetry>(body) is { ChatId: not 0 } retry)
        {
            digest["type"] = nameof(OutboxRetry);
            AddChat(digest, retry.ChatId);
            return digest.ToJsonString();
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

        if (update is null)
        {
            digest["type"] = "Unreadable";
            digest["bytes"] = Encoding.UTF8.GetByteCount(body);
            return digest.ToJsonString();
        }

        digest["update_id"] = update.Id;
        digest["type"] = update.Type.ToString();
        if (ChatOf(update) is { } chatId)
        {
            AddChat(digest, chatId);
        }

        return digest.ToJsonString();
    }

    /// <summary>A stable key for <paramref name="body"/> that reveals nothing of it (<see cref="ChatPseudonyms.KeyOf"/>).</summary>
    public string KeyOf(string body) => pseudonyms.KeyOf(body);

    private void AddChat(JsonObject digest, long chatId)
    {
        if (pseudonyms.IsKeyed)
        {
            digest["chat"] = pseudonyms.Of(chatId);
        }
    }

    private static long? ChatOf(Update update) =>
        update.Message?.Chat.Id
        ?? update.EditedMessage?.Chat.Id
        ?? update.CallbackQuery?.Message?.Chat.Id
        ?? update.CallbackQuery?.From.Id
        ?? update.MyChatMember?.Chat.Id
        ?? update.ChatMember?.Chat.Id
        ?? update.InlineQuery?.From.Id
        ?? update.ChosenInlineResult?.From.Id
        ?? update.PreCheckoutQuery?.From.Id
        ?? update.ShippingQuery?.From.Id
        ?? update.ChatJoinRequest?.Chat.Id;
}
