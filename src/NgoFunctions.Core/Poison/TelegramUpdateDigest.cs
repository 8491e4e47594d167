using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
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
/// <remarks>The hash is HMAC-SHA256 under a key derived (HKDF) from <c>Telegram:WebhookSecret</c>: without
/// that secret no update reaches the queue at all, and keying it means a chat id cannot be confirmed by
/// hashing guesses. Without a secret, <c>chat</c> is left out. Changing the secret changes the hashes.</remarks>
public sealed class TelegramUpdateDigest(IOptionsMonitor<TelegramOptions> options)
{
    private static readonly byte[] Purpose = "NgoFunctions poison chat pseudonym v1"u8.ToArray();

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

    /// <summary>A stable key for <paramref name="body"/> that reveals nothing of it: HMAC-SHA256 (hex) under
    /// the derived key, or plain SHA-256 when no webhook secret is configured.</summary>
    public string KeyOf(string body) =>
        Convert.ToHexString(Key() is { } key
            ? HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(body))
            : SHA256.HashData(Encoding.UTF8.GetBytes(body)));

    private void AddChat(JsonObject digest, long chatId)
    {
        if (Key() is { } key)
        {
            // 128 bits: plenty to tell chats apart, and the rest adds nothing a count needs.
            digest["chat"] = Convert.ToHexString(HMACSHA256.HashData(key, BitConverter.GetBytes(chatId)), 0, 16).ToLowerInvariant();
        }
    }

    private byte[]? Key()
    {
        var secret = options.CurrentValue.WebhookSecret;
        return string.IsNullOrEmpty(secret)
            ? null
            : HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Purpose);
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
