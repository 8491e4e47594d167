using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>Reads and moves a <see cref="ConversationEntity"/>'s step, language and draft, the same way for
/// every part of the conversation.</summary>
internal static class ConversationState
{
    /// <summary>The step the chat is at; <see cref="ConversationStep.Idle"/> for a name no longer known.</summary>
    public static ConversationStep CurrentStep(this ConversationEntity state) =>
        Enum.TryParse<ConversationStep>(state.Step, out var step) ? step : ConversationStep.Idle;

    /// <summary>The chat's language; Arabic for a code no longer known.</summary>
    public static Language ChatLanguage(this ConversationEntity state) =>
        LanguageCodes.TryParse(state.Language, out var language) ? language : Language.Ar;

    /// <summary>Forgets the draft and goes back to <see cref="ConversationStep.Idle"/>.</summary>
    public static void ClearDraft(this ConversationEntity state)
    {
        state.Step = nameof(ConversationStep.Idle);
        state.ResumeStep = null;
        state.FeedbackFor = null;
        state.Sector = state.Governorate = state.District = state.Description = state.Phone = state.PendingTrackingCode = null;
        state.Consent = null;
        state.Sensitive = null;
    }

    /// <summary>Puts <paramref name="question"/> in front of the current step, which <see cref="Resume"/>
    /// goes back to. Asked again while it stands, it keeps the step it first interrupted.</summary>
    public static void Interrupt(this ConversationEntity state, ConversationStep question)
    {
        if (state.CurrentStep() != question)
        {
            state.ResumeStep = state.CurrentStep() == ConversationStep.Idle ? null : state.Step;
        }

        state.Step = question.ToString();
    }

    /// <summary>Goes back to the step an <see cref="Interrupt"/> stood in front of, or to
    /// <paramref name="otherwise"/> when it interrupted none.</summary>
    public static void Resume(this ConversationEntity state, ConversationStep otherwise)
    {
        state.Step = state.ResumeStep ?? otherwise.ToString();
        state.ResumeStep = null;
    }
}
