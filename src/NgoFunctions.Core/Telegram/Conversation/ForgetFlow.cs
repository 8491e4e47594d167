using NgoFunctions.Core.Privacy;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary><c>/forget</c> in a private chat: an explanation and a question, then, once confirmed, the
/// personal data of the chat's requests and of the conversation erased (<see cref="PersonalDataEraser"/>);
/// kept, the chat goes back to what it was doing.</summary>
public sealed class ForgetFlow(ConversationPrompts prompts, PersonalDataEraser eraser)
{
    /// <summary>Asks whether to erase; asked in the middle of a draft, "keep" goes back to it (as after <c>/language</c>).</summary>
    public IReadOnlyList<BotReply> Ask(ConversationEntity state)
    {
        state.Interrupt(ConversationStep.Forget);
        return prompts.Prompt(state);
    }

    /// <summary>Erases on "yes", goes back on "no".</summary>
    public async Task<IReadOnlyList<BotReply>> AnswerAsync(ConversationEntity state, long chatId, string callbackQueryId, string value, CancellationToken cancellationToken)
    {
        var answer = BotReply.Answer(callbackQueryId);
        switch (value)
        {
            case "yes":
                await eraser.EraseChatRequestsAsync(chatId, cancellationToken);
                Forget(state);
                return [answer, prompts.Say(state, "bot.forget.done", new BotKeyboard(Remove: true))];
            case "no":
                state.Resume(otherwise: ConversationStep.Idle);
                return [answer, prompts.Say(state, "bot.forget.kept"), .. prompts.Prompt(state)];
            default:
                return [prompts.StaleButton(state, callbackQueryId)];
        }
    }

    // After /forget is confirmed the chat keeps only what it needs to go on working: its language, the
    // update ids it handled (so a repeat is not answered again) and whether it blocked the bot. The draft
    // goes, and so do replies not sent yet (a summary quotes the description and phone); the claim on them
    // goes too, so the answer to this update is sent now, after whatever a sender holding it is sending.
    private static void Forget(ConversationEntity state)
    {
        state.ClearDraft();
        state.Outbox = null;
        state.OutboxClaimedUntil = null;
    }
}
