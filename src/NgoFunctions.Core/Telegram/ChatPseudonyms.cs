using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Security;

namespace NgoFunctions.Core.Telegram;

/// <summary>Stands for a Telegram chat wherever it must be told apart without being named: logs and
/// the ids kept of a failed update. A pseudonym is the <see cref="KeyedPseudonym"/> of the chat id under
/// the key derived from <c>Telegram:WebhookSecret</c> for this purpose: the same chat always
/// gives the same pseudonym, and a chat id cannot be confirmed by hashing guesses without the secret
/// (without a webhook no update reaches the bot at all). Changing the secret changes every pseudonym.</summary>
public sealed class ChatPseudonyms(IOptionsMonitor<TelegramOptions> options)
{
    private static readonly byte[] Purpose = "NgoFunctions chat pseudonym v1"u8.ToArray();

    /// <summary>The pseudonym of <paramref name="chatId"/>, or <c>"unkeyed"</c> when no webhook secret is
    /// configured (nothing that could identify the chat is written then).</summary>
    public string Of(long chatId) =>
        Key() is { } key ? KeyedPseudonym.Of(key, BitConverter.GetBytes(chatId)) : "unkeyed";

    /// <summary>Whether pseudonyms can be made (a webhook secret is configured).</summary>
    public bool IsKeyed => Key() is not null;

    /// <summary>A stable key for <paramref name="content"/> that reveals nothing of it: HMAC-SHA256 (upper-case
    /// hex) under the derived key, or plain SHA-256 when no webhook secret is configured.</summary>
    public string KeyOf(string content) =>
        Convert.ToHexString(Key() is { } key
            ? HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(content))
            : SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    private byte[]? Key()
    {
        var secret = ConfiguredSecret.Of(options.CurrentValue.WebhookSecret);
        return secret is null
            ? null
            : KeyedPseudonym.Key(Encoding.UTF8.GetBytes(secret), Purpose);
    }
}
