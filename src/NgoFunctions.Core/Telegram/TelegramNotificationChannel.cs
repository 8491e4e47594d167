using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Telegram;

/// <summary>Status updates through the citizens' bot, to the private chat the request came from: the update,
/// and for a Resolved one "did you get the help you needed?" with its Yes / No buttons (a Yes is followed by
/// the 1–5 rating question, <see cref="AfterRequestFlow"/>). Skipped (recorded, never tried again)
/// when no bot is configured or the chat is known unreachable, or becomes so (403: the citizen blocked the
/// bot); a 429 before anything went out waits as the Bot API asks; an outage before anything went out is
/// tried again later. Once the update went out, a lost question is not worth sending the update twice.</summary>
public sealed class TelegramNotificationChannel(TelegramGateway telegram, BotReplySender sender, ConversationStore conversations, Texts texts)
    : INotificationChannel
{
    /// <inheritdoc />
    public RequestChannel Channel => RequestChannel.Telegram;

    /// <inheritdoc />
    public async Task<ChannelDelivery> DeliverAsync(StatusUpdate update, CancellationToken cancellationToken)
    {
        if (!telegram.IsConfigured)
        {
            return ChannelDelivery.Skipped(NotificationOutcome.BotNotConfigured);
        }

        if (TelegramAddress.ChatOf(update.Address) is not { } chatId || await conversations.IsUnreachableAsync(chatId, cancellationToken))
        {
            return ChannelDelivery.Skipped(NotificationOutcome.ChatUnreachable);
        }

        IReadOnlyList<BotReply> replies = update.Status == nameof(RequestStatus.Resolved)
            ? [new BotReply(update.Text), ConversationPrompts.ClosureQuestion(texts, update.TrackingCode, update.Language)]
            : [new BotReply(update.Text)];
        var outcome = await sender.SendAsync(chatId, replies, cancellationToken);
        switch (outcome.Stop)
        {
            case SendStop.Unreachable:
                await conversations.SetUnreachableAsync(chatId, true, cancellationToken);
                return ChannelDelivery.Skipped(NotificationOutcome.ChatUnreachable);
            case SendStop.RateLimited when outcome.Sent == 0:
                return ChannelDelivery.Later(DeliveryAttempt.WaitFor(outcome.RetryAfter!.Value));
            case SendStop.Unavailable when outcome.Sent == 0:
                return ChannelDelivery.Later(DeliveryAttempt.Unavailable);
            default:
                return ChannelDelivery.Sent(NotificationOutcome.Telegram);
        }
    }
}
