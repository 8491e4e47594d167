using NgoFunctions.Core.Closure;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Requests;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>What a private chat does with the requests it already made: <c>/status</c>, choosing an open
/// request to cancel (<see cref="RequestCancellation"/>), answering "did you get the help you needed?" for
/// a resolved one (<see cref="ClosureConfirmation"/>, the status page's service too), and rating it with an
/// optional comment after a Yes (<see cref="RequestFeedback"/>). Only the chat that made a request may act on it.</summary>
public sealed class AfterRequestFlow(
    ConversationPrompts prompts,
    SectorCatalogue sectors,
    ChatRequests chatRequests,
    RequestCancellation cancellation,
    ClosureConfirmation closure,
    RequestFeedback feedback)
{
    /// <summary>The chat's latest requests and where each stands.</summary>
    public async Task<IReadOnlyList<BotReply>> StatusAsync(ConversationEntity state, long chatId, CancellationToken cancellationToken) =>
        [await chatRequests.DescribeAsync(chatId, state.ChatLanguage(), cancellationToken)];

    /// <summary>Asks which of the chat's open requests to cancel, one button each; says so when there is none.</summary>
    public async Task<IReadOnlyList<BotReply>> ChooseRequestToCancelAsync(ConversationEntity state, long chatId, CancellationToken cancellationToken)
    {
        var open = await chatRequests.OpenAsync(chatId, cancellationToken);
        if (open.Count == 0)
        {
            return [prompts.Say(state, "bot.cancel.none")];
        }

        var language = state.ChatLanguage();
        state.Step = nameof(ConversationStep.CancelRequest);
        var buttons = open.Select(v => new InlineButton(
            v.Sensitive ? v.TrackingCode : $"{v.TrackingCode} — {sectors.Find(v.Sector)?.Name.In(language) ?? v.Sector}",
            new CallbackData(ConversationStep.CancelRequest, v.TrackingCode.Replace("-", string.Empty, StringComparison.Ordinal)).ToString()));
        return [prompts.Say(state, "bot.cancel.choose", ConversationPrompts.Inline(ConversationPrompts.Rows(buttons, 1)))];
    }

    /// <summary>Cancels the request whose button was pressed, when the chat made it and it may still be cancelled.</summary>
    public async Task<IReadOnlyList<BotReply>> CancelAsync(ConversationEntity state, long chatId, string callbackQueryId, string trackingCode, CancellationToken cancellationToken)
    {
        if (!await chatRequests.BelongsAsync(chatId, trackingCode, cancellationToken))
        {
            return [prompts.StaleButton(state, callbackQueryId)];
        }

        state.ClearDraft();
        return await cancellation.CancelAsync(trackingCode, cancellationToken) switch
        {
            CancellationOutcome.Cancelled => [BotReply.Answer(callbackQueryId, prompts.T(state, "bot.cancel.done"))],
            CancellationOutcome.NotAllowed => [BotReply.Answer(callbackQueryId), prompts.Say(state, "bot.cancel.notAllowed", args: [ConversationPrompts.Display(trackingCode)])],
            _ => [prompts.StaleButton(state, callbackQueryId)],
        };
    }

    /// <summary>Records a closure button's answer (<c>{tracking code}.y</c> or <c>.n</c>): after a Yes the
    /// request is closed and the 1–5 rating question follows; after a No it is back with the NGO, and the chat
    /// is told so (the notification of the change says it too). A button of a request that no longer waits for
    /// the answer is answered so, and changes nothing.</summary>
    public async Task<IReadOnlyList<BotReply>> AnswerClosureAsync(ConversationEntity state, long chatId, string callbackQueryId, string value, CancellationToken cancellationToken)
    {
        var parts = value.Split('.');
        if (parts is not [var code, ConversationPrompts.Received or ConversationPrompts.NotReceived] || !await chatRequests.BelongsAsync(chatId, code, cancellationToken))
        {
            return [prompts.StaleButton(state, callbackQueryId)];
        }

        var received = parts[1] == ConversationPrompts.Received;
        switch (await closure.AnswerAsync(code, received, cancellationToken))
        {
            case Outcome<ClosureAnswer>.Done when received:
                return [BotReply.Answer(callbackQueryId, prompts.T(state, "bot.closure.thanks")), prompts.Say(state, "bot.rate.ask", ConversationPrompts.RatingKeyboard(code))];
            case Outcome<ClosureAnswer>.Done:
                return [BotReply.Answer(callbackQueryId), prompts.Say(state, "bot.closure.sorry")];
            case Outcome<ClosureAnswer>.Conflict or Outcome<ClosureAnswer>.Busy:
                return [BotReply.Answer(callbackQueryId, prompts.T(state, "bot.closure.notWaiting"))];
            default:
                return [prompts.StaleButton(state, callbackQueryId)];
        }
    }

    /// <summary>Records a rating button's 1–5 and asks for an optional comment.</summary>
    public async Task<IReadOnlyList<BotReply>> RateAsync(ConversationEntity state, long chatId, string callbackQueryId, string value, CancellationToken cancellationToken)
    {
        // Rating buttons carry "{tracking code}.{1-5}"; only the chat that made the request may rate it.
        var parts = value.Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[1], out var rating) || !await chatRequests.BelongsAsync(chatId, parts[0], cancellationToken))
        {
            return [prompts.StaleButton(state, callbackQueryId)];
        }

        switch (await feedback.RateAsync(parts[0], rating, cancellationToken))
        {
            case FeedbackOutcome.Recorded:
                state.ClearDraft();
                state.Step = nameof(ConversationStep.Comment);
                state.FeedbackFor = parts[0];
                return [BotReply.Answer(callbackQueryId), prompts.Say(state, "bot.rate.thanks")];
            case FeedbackOutcome.AlreadyRated:
                return [BotReply.Answer(callbackQueryId, prompts.T(state, "bot.rate.already"))];
            default:
                return [BotReply.Answer(callbackQueryId, prompts.T(state, "bot.rate.notAllowed"))];
        }
    }

    /// <summary>Records the comment typed after a rating.</summary>
    public async Task<IReadOnlyList<BotReply>> CommentAsync(ConversationEntity state, string text, CancellationToken cancellationToken)
    {
        await feedback.CommentAsync(state.FeedbackFor!, text, cancellationToken);
        return EndRating(state);
    }

    /// <summary>Ends the rating, after its comment or without one (<c>/skip</c>), and thanks the citizen.</summary>
    public IReadOnlyList<BotReply> EndRating(ConversationEntity state)
    {
        state.ClearDraft();
        return [prompts.Say(state, "bot.thanks")];
    }
}
