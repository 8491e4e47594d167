using NgoFunctions.Core.Intake;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>What a chat is told once intake took a request it made, from the chat's own Confirm or from
/// the Mini App: the new request's tracking code (and the request is added to the chat's list for
/// <c>/status</c>); or, when the phone number already has an open request of the sector, that request's
/// code and status if this chat made it, else only that one exists (a phone number proves nobody).</summary>
public sealed class ChatReceipts(ChatRequests chatRequests, ConversationPrompts prompts)
{
    /// <summary>The reply for <paramref name="receipt"/> in the chat's language, the reply keyboard removed.</summary>
    public async Task<BotReply> TellAsync(ConversationEntity state, long chatId, IntakeReceipt receipt, CancellationToken cancellationToken)
    {
        var close = new BotKeyboard(Remove: true);
        if (receipt.Duplicate)
        {
            return await chatRequests.BelongsAsync(chatId, receipt.TrackingCode.Value, cancellationToken)
                ? prompts.Say(state, "bot.duplicate", close, receipt.TrackingCode.ToString(), prompts.T(state, "status." + receipt.Status))
                : prompts.Say(state, "bot.duplicate.elsewhere", close);
        }

        await chatRequests.AddAsync(chatId, receipt.TrackingCode, cancellationToken);
        return prompts.Say(state, "bot.confirmed", close, receipt.TrackingCode.ToString());
    }
}
