using NgoFunctions.Core.Telegram.Conversation;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.ReplyMarkups;

namespace NgoFunctions.Core.Telegram;

/// <summary>Sends a chat's replies in order through the real Telegram.Bot client and says how far it
/// got: every reply, or up to a 403 (the citizen blocked the bot) or a 429 (too many requests: try
/// the rest after <c>retry_after</c> seconds).</summary>
public sealed class BotReplySender(TelegramGateway gateway)
{
    /// <summary>Sends <paramref name="replies"/> to <paramref name="chatId"/>. Other Bot API errors
    /// throw <see cref="ApiRequestException"/>.</summary>
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
                return new SendOutcome(i, Unreachable: true, RetryAfter: null);
            }
            catch (ApiRequestException ex) when (ex.ErrorCode == 429)
            {
                return new SendOutcome(i, Unreachable: false, TimeSpan.FromSeconds(ex.Parameters?.RetryAfter ?? 1));
            }
        }

        return new SendOutcome(replies.Count, Unreachable: false, RetryAfter: null);
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
        { Inline: { } rows } => new InlineKeyboardMarkup(rows.Select(row => row.Select(b => InlineKeyboardButton.WithCallbackData(b.Label, b.Data)))),
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
}

/// <summary>How far <see cref="BotReplySender.SendAsync"/> got.</summary>
/// <param name="Sent">How many replies were sent, from the first.</param>
/// <param name="Unreachable">The Bot API answered 403: the bot may not write to this chat.</param>
/// <param name="RetryAfter">The Bot API answered 429: send the rest after this long.</param>
public sealed record SendOutcome(int Sent, bool Unreachable, TimeSpan? RetryAfter);
