using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Telegram.Conversation;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.ReplyMarkups;

namespace NgoFunctions.Core.Telegram;

/// <summary>Sends a chat's replies in order through the real Telegram.Bot client and says how far it
/// got: every reply, or up to a 403 (the citizen blocked the bot), a 429 (too many requests: try the
/// rest after <c>retry_after</c> seconds) or a failure of the Bot API that may pass (no connection, a
/// time-out, a 5xx after the HTTP client's own short retries). A reply the Bot API refuses for good
/// (another 4xx, e.g. a message too long) is skipped and logged, so it cannot block the replies after it.</summary>
public sealed partial class BotReplySender(TelegramGateway gateway, ChatPseudonyms pseudonyms, ILogger<BotReplySender> logger)
{
    /// <summary>Sends <paramref name="replies"/> to <paramref name="chatId"/>, in order, stopping at the
    /// first reply that cannot be sent now. Never throws for the Bot API's answers or for network
    /// failures; throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/>
    /// is cancelled.</summary>
    public async Task<SendOutcome> SendAsync(long chatId, IReadOnlyList<BotReply> replies, CancellationToken cancellationToken)
    {
        var client = gateway.CreateClient();
        for (var i = 0; i < replies.Count; i++)
        {
            try
            {
                await SendOneAsync(client, chatId, replies[i], cancellationToken);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 403)
            {
                return new SendOutcome(i, SendStop.Unreachable);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                return new SendOutcome(i, SendStop.RateLimited, TimeSpan.FromSeconds(ex.Parameters?.RetryAfter ?? 1));
            }
            catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500)
            {
                // Refused for good: sending it again would be refused again.
                LogRefused(pseudonyms.Of(chatId), i, ex.ErrorCode, ex.Message);
            }
            catch (Exception ex) when (BotApiFailures.IsPassing(ex, cancellationToken))
            {
                LogUnavailable(pseudonyms.Of(chatId), ex.GetType().Name, (ex as RequestException)?.HttpStatusCode is { } status ? (int)status : 0);
                return new SendOutcome(i, SendStop.Unavailable);
            }
        }

        return new SendOutcome(replies.Count, SendStop.None);
    }

    private static async Task SendOneAsync(ITelegramBotClient client, long chatId, BotReply reply, CancellationToken cancellationToken)
    {
        if (reply.CallbackQueryId is { } queryId)
        {
            await client.AnswerCallbackQuery(queryId, reply.Text, cancellationToken: cancellationToken);
            return;
        }

        await client.SendMessage(chatId, reply.Text ?? string.Empty, replyMarkup: Markup(reply.Keyboard), cancellationToken: cancellationToken);
    }

    private static ReplyMarkup? Markup(BotKeyboard? keyboard) => keyboard switch
    {
        { Inline: { } rows } => new InlineKeyboardMarkup(rows.Select(row => row.Select(b => b.WebAppUrl is { } url
            ? InlineKeyboardButton.WithWebApp(b.Label, new WebAppInfo(url))
            : InlineKeyboardButton.WithCallbackData(b.Label, b.Data)))),
        { Request: { } rows } => new ReplyKeyboardMarkup(rows.Select(row => row.Select(b => b.Share switch
        {
            "location" => KeyboardButton.WithRequestLocation(b.Label),
            "contact" => KeyboardButton.WithRequestContact(b.Label),
            _ => new KeyboardButton(b.Label),
        })))
        { ResizeKeyboard = true, OneTimeKeyboard = true },
        { Remove: true } => new ReplyKeyboardRemove(),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Bot API refused reply {Index} to chat {Chat} for good ({ErrorCode}: {Description}); it is skipped")]
    private partial void LogRefused(string chat, int index, int errorCode, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot API unreachable sending to chat {Chat} ({Failure}, HTTP {HttpStatus}); tried again later")]
    private partial void LogUnavailable(string chat, string failure, int httpStatus);
}

/// <summary>Why <see cref="BotReplySender.SendAsync"/> stopped before the last reply.</summary>
public enum SendStop
{
    /// <summary>It did not: every reply was sent (or refused for good and skipped).</summary>
    None,

    /// <summary>The Bot API answered 403: the bot may not write to this chat.</summary>
    Unreachable,

    /// <summary>The Bot API answered 429: send the rest after <see cref="SendOutcome.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>The Bot API could not be reached or failed (5xx, time-out, dropped connection): send the
    /// rest later.</summary>
    Unavailable,
}

/// <summary>How far <see cref="BotReplySender.SendAsync"/> got.</summary>
/// <param name="Sent">How many replies are done, from the first (sent, or refused for good and skipped).</param>
/// <param name="Stop">Why it stopped before the end, if it did.</param>
/// <param name="RetryAfter">With <see cref="SendStop.RateLimited"/>: how long the Bot API asked to wait.</param>
public sealed record SendOutcome(int Sent, SendStop Stop, TimeSpan? RetryAfter = null)
{
    /// <summary>The Bot API answered 403.</summary>
    public bool Unreachable => Stop == SendStop.Unreachable;
}
