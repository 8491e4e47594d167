using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>The guided request in a private chat: language → sector → governorate (or a shared
/// location) → district (or skip) → description → phone (shared, typed or skipped) → consent →
/// summary with Confirm / Edit / Cancel and, unless the sector is protection (always sensitive), a
/// button that marks the request sensitive (<see cref="SensitiveCases"/>; the summary explains what that
/// does and shows the choice again), and the commands <c>/start</c>, <c>/language</c>,
/// <c>/status</c>, <c>/cancel</c>, <c>/help</c>, and <c>/forget</c> (erase the personal data of the chat's
/// requests and of the conversation, after an explanation and a confirmation). Each input moves the state (in memory) and yields the
/// replies; the caller stores the state with its ETag and then sends the replies. A confirmed draft
/// becomes a request through <see cref="ServiceRequestIntake"/>, the same service the form uses.
/// This class hands each input to the part it belongs to (<see cref="DraftFlow"/>,
/// <see cref="AfterRequestFlow"/>, <see cref="ForgetFlow"/>) and keeps the choice of language itself.</summary>
public sealed class ConversationEngine(
    ConversationPrompts prompts,
    DraftFlow drafts,
    AfterRequestFlow afterRequest,
    ForgetFlow forget)
{
    /// <summary>Applies <paramref name="input"/> to <paramref name="state"/> and returns the replies.</summary>
    public async Task<IReadOnlyList<BotReply>> HandleAsync(ConversationEntity state, long chatId, BotInput input, CancellationToken cancellationToken)
    {
        // Writing to the bot again means the citizen unblocked it.
        state.Unreachable = false;
        return input switch
        {
            BotInput.Command command => await OnCommandAsync(state, chatId, command.Name, cancellationToken),
            BotInput.Button button => await OnButtonAsync(state, chatId, button, cancellationToken),
            BotInput.Text text => await OnTextAsync(state, text.Value, cancellationToken),
            BotInput.Location location => drafts.OnLocation(state, location),
            BotInput.Contact contact => drafts.OnContact(state, contact),
            BotInput.Unsupported { Kind: BotInput.Unsupported.Edited } => [prompts.Say(state, "bot.editedIgnored")],
            _ => [prompts.Say(state, "bot.textOnly"), .. prompts.Prompt(state)],
        };
    }

    private async Task<IReadOnlyList<BotReply>> OnCommandAsync(ConversationEntity state, long chatId, string command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case "start":
                state.ClearDraft();
                state.ResumeStep = nameof(ConversationStep.Sector);
                state.Step = nameof(ConversationStep.Language);
                return [.. prompts.Prompt(state)];
            case "language":
                state.Interrupt(ConversationStep.Language);
                return [.. prompts.Prompt(state)];
            case "cancel" when IsDrafting(state):
                state.ClearDraft();
                return [prompts.Say(state, "bot.cancelled", keyboard: new BotKeyboard(Remove: true))];
            case "cancel":
                return await afterRequest.ChooseRequestToCancelAsync(state, chatId, cancellationToken);
            case "skip" when state.CurrentStep() == ConversationStep.Comment:
                return afterRequest.EndRating(state);
            case "status":
                return await afterRequest.StatusAsync(state, chatId, cancellationToken);
            case "forget":
                return forget.Ask(state);
            default:
                return [prompts.Say(state, "bot.help")];
        }
    }

    private async Task<IReadOnlyList<BotReply>> OnButtonAsync(ConversationEntity state, long chatId, BotInput.Button button, CancellationToken cancellationToken)
    {
        if (!CallbackData.TryParse(button.Data, out var data))
        {
            return [prompts.StaleButton(state, button.QueryId)];
        }

        // Rating buttons come with a status update, not a question, and stay valid whatever the step.
        if (data.Step == ConversationStep.Rating)
        {
            return await afterRequest.RateAsync(state, chatId, button.QueryId, data.Value, cancellationToken);
        }

        // So do the closure buttons ("did you get the help you needed?").
        if (data.Step == ConversationStep.Closure)
        {
            return await afterRequest.AnswerClosureAsync(state, chatId, button.QueryId, data.Value, cancellationToken);
        }

        if (await drafts.ConfirmOfAnotherDraftAsync(state, chatId, button.QueryId, data, cancellationToken) is { } confirmOfAnother)
        {
            return confirmOfAnother;
        }

        // A button from an earlier question (pressed twice, or from an old message) changes nothing.
        if (data.Step != state.CurrentStep())
        {
            return [prompts.StaleButton(state, button.QueryId)];
        }

        return data.Step switch
        {
            ConversationStep.Language => ChooseLanguage(state, button.QueryId, data.Value),
            ConversationStep.Forget => await forget.AnswerAsync(state, chatId, button.QueryId, data.Value, cancellationToken),
            ConversationStep.CancelRequest => await afterRequest.CancelAsync(state, chatId, button.QueryId, data.Value, cancellationToken),
            _ => await drafts.OnButtonAsync(state, chatId, button.QueryId, data, cancellationToken),
        };
    }

    // The language goes back to the step /language interrupted, or on to the draft's first question.
    private IReadOnlyList<BotReply> ChooseLanguage(ConversationEntity state, string callbackQueryId, string value)
    {
        if (!LanguageCodes.TryParse(value, out var language))
        {
            return [prompts.StaleButton(state, callbackQueryId)];
        }

        state.Language = language.ToCode();
        state.Resume(otherwise: ConversationStep.Sector);
        return [BotReply.Answer(callbackQueryId), prompts.Say(state, "bot.language.set"), .. prompts.Prompt(state)];
    }

    private async Task<IReadOnlyList<BotReply>> OnTextAsync(ConversationEntity state, string text, CancellationToken cancellationToken) =>
        state.CurrentStep() switch
        {
            ConversationStep.Description => drafts.OnDescription(state, text),
            ConversationStep.Phone => drafts.OnPhone(state, text),
            ConversationStep.Comment => await afterRequest.CommentAsync(state, text, cancellationToken),
            ConversationStep.Idle => [prompts.Say(state, "bot.help")],
            _ => [prompts.Say(state, "bot.useButtons"), .. prompts.Prompt(state)],
        };

    // The /forget question stands in front of the step it interrupted.
    private static bool IsDrafting(ConversationEntity state) =>
        (state.CurrentStep() == ConversationStep.Forget && Enum.TryParse<ConversationStep>(state.ResumeStep, out var interrupted) ? interrupted : state.CurrentStep())
            is not (ConversationStep.Idle or ConversationStep.CancelRequest or ConversationStep.Comment or ConversationStep.Forget);
}
