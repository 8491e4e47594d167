using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Privacy;

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
/// The draft itself is written in <see cref="DraftFlow"/>; what follows a request, in <see cref="AfterRequestFlow"/>.</summary>
public sealed class ConversationEngine(
    ConversationPrompts prompts,
    DraftFlow drafts,
    AfterRequestFlow afterRequest,
    PersonalDataEraser eraser)
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
                if (state.CurrentStep() != ConversationStep.Language)
                {
                    state.ResumeStep = state.CurrentStep() == ConversationStep.Idle ? null : state.Step;
                }

                state.Step = nameof(ConversationStep.Language);
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
                // Asked in the middle of a draft, "keep" goes back to it (as after /language).
                if (state.CurrentStep() != ConversationStep.Forget)
                {
                    state.ResumeStep = state.CurrentStep() == ConversationStep.Idle ? null : state.Step;
                }

                state.Step = nameof(ConversationStep.Forget);
                return [.. prompts.Prompt(state)];
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

        if (await drafts.ConfirmOfAnotherDraftAsync(state, chatId, button.QueryId, data, cancellationToken) is { } confirmOfAnother)
        {
            return confirmOfAnother;
        }

        // A button from an earlier question (pressed twice, or from an old message) changes nothing.
        if (data.Step != state.CurrentStep())
        {
            return [prompts.StaleButton(state, button.QueryId)];
        }

        var answer = BotReply.Answer(button.QueryId);
        switch (data.Step)
        {
            case ConversationStep.Language when LanguageCodes.TryParse(data.Value, out var language):
                state.Language = language.ToCode();
                state.Step = state.ResumeStep ?? nameof(ConversationStep.Sector);
                state.ResumeStep = null;
                return [answer, prompts.Say(state, "bot.language.set"), .. prompts.Prompt(state)];
            case ConversationStep.Language:
                return [prompts.StaleButton(state, button.QueryId)];
            case ConversationStep.CancelRequest:
                return await afterRequest.CancelAsync(state, chatId, button.QueryId, data.Value, cancellationToken);
            case ConversationStep.Forget when data.Value == "yes":
                await eraser.EraseChatRequestsAsync(chatId, cancellationToken);
                Forget(state);
                return [answer, prompts.Say(state, "bot.forget.done", new BotKeyboard(Remove: true))];
            case ConversationStep.Forget when data.Value == "no":
                state.Step = state.ResumeStep ?? nameof(ConversationStep.Idle);
                state.ResumeStep = null;
                return [answer, prompts.Say(state, "bot.forget.kept"), .. prompts.Prompt(state)];
            case ConversationStep.Forget:
                return [prompts.StaleButton(state, button.QueryId)];
            default:
                return await drafts.OnButtonAsync(state, chatId, button.QueryId, data, cancellationToken);
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

    private async Task<IReadOnlyList<BotReply>> OnTextAsync(ConversationEntity state, string text, CancellationToken cancellationToken)
    {
        switch (state.CurrentStep())
        {
            case ConversationStep.Description:
                return drafts.OnDescription(state, text);
            case ConversationStep.Phone:
                return drafts.OnPhone(state, text);
            case ConversationStep.Comment:
                return await afterRequest.CommentAsync(state, text, cancellationToken);
            case ConversationStep.Idle:
                return [prompts.Say(state, "bot.help")];
            default:
                return [prompts.Say(state, "bot.useButtons"), .. prompts.Prompt(state)];
        }
    }

    // The /forget question stands in front of the step it interrupted.
    private static bool IsDrafting(ConversationEntity state) =>
        (state.CurrentStep() == ConversationStep.Forget && Enum.TryParse<ConversationStep>(state.ResumeStep, out var interrupted) ? interrupted : state.CurrentStep())
            is not (ConversationStep.Idle or ConversationStep.CancelRequest or ConversationStep.Comment or ConversationStep.Forget);
}
