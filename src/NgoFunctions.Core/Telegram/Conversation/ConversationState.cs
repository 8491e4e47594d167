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
}
