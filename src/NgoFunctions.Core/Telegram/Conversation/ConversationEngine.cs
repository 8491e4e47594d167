using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Privacy;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Requests;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>The guided request in a private chat: language → sector → governorate (or a shared
/// location) → district (or skip) → description → phone (shared, typed or skipped) → consent →
/// summary with Confirm / Edit / Cancel and, unless the sector is protection (always sensitive), a
/// button that marks the request sensitive (<see cref="SensitiveCases"/>; the summary explains what that
/// does and shows the choice again), and the commands <c>/start</c>, <c>/language</c>,
/// <c>/status</c>, <c>/cancel</c>, <c>/help</c>, and <c>/forget</c> (erase the personal data of the chat's
/// requests and of the conversation, after an explanation and a confirmation). Each input moves the state (in memory) and yields the
/// replies; the caller stores the state with its ETag and then sends the replies. A confirmed draft
/// becomes a request through <see cref="ServiceRequestIntake"/>, the same service the form uses.</summary>
public sealed class ConversationEngine(
    ConversationPrompts prompts,
    SectorCatalogue sectors,
    LocationCatalogue locations,
    LocationLocator locator,
    PhoneNumberNormalizer phones,
    ServiceRequestIntake intake,
    ChatRequests chatRequests,
    RequestCancellation cancellation,
    RequestFeedback feedback,
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
            BotInput.Location location => OnLocation(state, location),
            BotInput.Contact contact => OnContact(state, contact),
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
                return await ChooseRequestToCancelAsync(state, chatId, cancellationToken);
            case "skip" when state.CurrentStep() == ConversationStep.Comment:
                state.ClearDraft();
                return [prompts.Say(state, "bot.thanks")];
            case "status":
                return [await chatRequests.DescribeAsync(chatId, state.ChatLanguage(), cancellationToken)];
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

        // Confirm names the draft it sends. Pressed for a draft that is no longer the one at the summary
        // (a second tap, one that raced the first and lost, or an old summary), it sends nothing; if
        // that draft became a request, the citizen is given its code again.
        if (data.Step == ConversationStep.Summary && ConfirmedDraft(data.Value) is { } draft
            && (state.CurrentStep() != ConversationStep.Summary || draft != state.PendingTrackingCode))
        {
            return await chatRequests.BelongsAsync(chatId, draft, cancellationToken)
                ? [BotReply.Answer(button.QueryId, prompts.T(state, "bot.confirm.already", ConversationPrompts.Display(draft)))]
                : [prompts.StaleButton(state, button.QueryId)];
        }

        // A button from an earlier question (pressed twice, or from an old message) changes nothing.
        // Rating buttons come with a status update, not a question, and stay valid.
        if (data.Step != state.CurrentStep() && data.Step != ConversationStep.Rating)
        {
            return [prompts.StaleButton(state, button.QueryId)];
        }

        if (data.Step == ConversationStep.Rating)
        {
            return await RateAsync(state, chatId, button.QueryId, data.Value, cancellationToken);
        }

        var answer = BotReply.Answer(button.QueryId);
        switch (data.Step)
        {
            case ConversationStep.Language when LanguageCodes.TryParse(data.Value, out var language):
                state.Language = language.ToCode();
                state.Step = state.ResumeStep ?? nameof(ConversationStep.Sector);
                state.ResumeStep = null;
                return [answer, prompts.Say(state, "bot.language.set"), .. prompts.Prompt(state)];
            case ConversationStep.Sector when sectors.Find(data.Value) is not null:
                state.Sector = data.Value;
                return [answer, .. MoveTo(state, ConversationStep.Governorate)];
            case ConversationStep.Governorate when locations.Find(data.Value)?.Level == AdminLevel.Governorate:
                state.Governorate = data.Value;
                state.District = null;
                return [answer, .. MoveTo(state, ConversationStep.District)];
            case ConversationStep.District when data.Value == ConversationPrompts.Skip || locations.Find(data.Value)?.ParentPCode == state.Governorate:
                state.District = data.Value == ConversationPrompts.Skip ? null : data.Value;
                return [answer, .. MoveTo(state, ConversationStep.Description)];
            case ConversationStep.Consent when data.Value == "yes":
                state.Consent = true;
                return [answer, .. MoveTo(state, ConversationStep.Summary)];
            case ConversationStep.Consent:
                state.Consent = false;
                return [answer, prompts.Say(state, "bot.consent.required")];
            case ConversationStep.Summary when data.Value == ConversationPrompts.Confirm || ConfirmedDraft(data.Value) is not null:
                return [answer, .. await ConfirmAsync(state, chatId, cancellationToken)];
            case ConversationStep.Summary when data.Value is ConversationPrompts.SensitiveOn or ConversationPrompts.SensitiveOff:
                state.Sensitive = data.Value == ConversationPrompts.SensitiveOn;
                return [answer, .. prompts.Prompt(state)];
            case ConversationStep.Summary when data.Value == "edit":
                return [answer, .. MoveTo(state, ConversationStep.Sector)];
            case ConversationStep.Summary when data.Value == "cancel":
                state.ClearDraft();
                return [answer, prompts.Say(state, "bot.cancelled")];
            case ConversationStep.CancelRequest when await chatRequests.BelongsAsync(chatId, data.Value, cancellationToken):
                state.ClearDraft();
                return await cancellation.CancelAsync(data.Value, cancellationToken) switch
                {
                    CancellationOutcome.Cancelled => [BotReply.Answer(button.QueryId, prompts.T(state, "bot.cancel.done"))],
                    CancellationOutcome.NotAllowed => [answer, prompts.Say(state, "bot.cancel.notAllowed", args: [ConversationPrompts.Display(data.Value)])],
                    _ => [prompts.StaleButton(state, button.QueryId)],
                };
            case ConversationStep.Forget when data.Value == "yes":
                await eraser.EraseChatRequestsAsync(chatId, cancellationToken);
                Forget(state);
                return [answer, prompts.Say(state, "bot.forget.done", new BotKeyboard(Remove: true))];
            case ConversationStep.Forget when data.Value == "no":
                state.Step = state.ResumeStep ?? nameof(ConversationStep.Idle);
                state.ResumeStep = null;
                return [answer, prompts.Say(state, "bot.forget.kept"), .. prompts.Prompt(state)];
            default:
                return [prompts.StaleButton(state, button.QueryId)];
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
                if (IntakeRules.HasHiddenControls(text))
                {
                    return [prompts.Say(state, "validation.text.hidden")];
                }

                if (!IntakeRules.IsDescriptionLengthValid(text))
                {
                    return [prompts.Say(state, "validation.description.length", args: [IntakeLimits.DescriptionMin, IntakeLimits.DescriptionMax])];
                }

                state.Description = text.Trim();
                return MoveTo(state, ConversationStep.Phone);
            case ConversationStep.Phone when text.Trim() == prompts.T(state, "bot.button.skip"):
                state.Phone = null;
                return MoveTo(state, ConversationStep.Consent);
            case ConversationStep.Phone:
                if (!phones.TryNormalize(text, out var e164))
                {
                    return [prompts.Say(state, "validation.phone.invalid")];
                }

                state.Phone = e164;
                return MoveTo(state, ConversationStep.Consent);
            case ConversationStep.Comment:
                await feedback.CommentAsync(state.FeedbackFor!, text, cancellationToken);
                state.ClearDraft();
                return [prompts.Say(state, "bot.thanks")];
            case ConversationStep.Idle:
                return [prompts.Say(state, "bot.help")];
            default:
                return [prompts.Say(state, "bot.useButtons"), .. prompts.Prompt(state)];
        }
    }

    private IReadOnlyList<BotReply> OnLocation(ConversationEntity state, BotInput.Location location)
    {
        if (state.CurrentStep() is not (ConversationStep.Governorate or ConversationStep.District))
        {
            return [prompts.Say(state, "bot.useButtons"), .. prompts.Prompt(state)];
        }

        if (locator.Locate(location.Latitude, location.Longitude) is not { } found)
        {
            return [prompts.Say(state, "bot.outsideSyria")];
        }

        state.Governorate = found.Governorate.PCode;
        state.District = found.District.PCode;
        var language = state.ChatLanguage();
        return [prompts.Say(state, "bot.located", args: [found.District.Name.In(language), found.Governorate.Name.In(language)]), .. MoveTo(state, ConversationStep.Description)];
    }

    private IReadOnlyList<BotReply> OnContact(ConversationEntity state, BotInput.Contact contact)
    {
        if (state.CurrentStep() != ConversationStep.Phone)
        {
            return [prompts.Say(state, "bot.useButtons"), .. prompts.Prompt(state)];
        }

        if (!contact.IsOwn)
        {
            return [prompts.Say(state, "bot.phone.notOwn")];
        }

        if (!phones.TryNormalize(contact.PhoneNumber.StartsWith('+') ? contact.PhoneNumber : "+" + contact.PhoneNumber, out var e164))
        {
            return [prompts.Say(state, "validation.phone.invalid")];
        }

        state.Phone = e164;
        return MoveTo(state, ConversationStep.Consent);
    }

    private async Task<IReadOnlyList<BotReply>> ChooseRequestToCancelAsync(ConversationEntity state, long chatId, CancellationToken cancellationToken)
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

    // Rating buttons carry "{tracking code}.{1-5}"; only the chat that made the request may rate it.
    private async Task<IReadOnlyList<BotReply>> RateAsync(ConversationEntity state, long chatId, string queryId, string value, CancellationToken cancellationToken)
    {
        var parts = value.Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[1], out var rating) || !await chatRequests.BelongsAsync(chatId, parts[0], cancellationToken))
        {
            return [prompts.StaleButton(state, queryId)];
        }

        switch (await feedback.RateAsync(parts[0], rating, cancellationToken))
        {
            case FeedbackOutcome.Recorded:
                state.ClearDraft();
                state.Step = nameof(ConversationStep.Comment);
                state.FeedbackFor = parts[0];
                return [BotReply.Answer(queryId), prompts.Say(state, "bot.rate.thanks")];
            case FeedbackOutcome.AlreadyRated:
                return [BotReply.Answer(queryId, prompts.T(state, "bot.rate.already"))];
            default:
                return [BotReply.Answer(queryId, prompts.T(state, "bot.rate.notAllowed"))];
        }
    }

    private async Task<IReadOnlyList<BotReply>> ConfirmAsync(ConversationEntity state, long chatId, CancellationToken cancellationToken)
    {
        var code = TrackingCode.TryParse(state.PendingTrackingCode, out var pending) ? pending.Value : TrackingCode.New();
        if (await chatRequests.LimitReachedAsync(chatId, code, state.ChatLanguage(), cancellationToken) is { } refusal)
        {
            state.ClearDraft();
            return [refusal];
        }

        var result = await intake.SubmitAsync(
            new SubmitServiceRequest
            {
                Sector = state.Sector,
                Governorate = state.Governorate,
                District = state.District,
                Description = state.Description,
                Phone = state.Phone,
                Consent = state.Consent,
                Sensitive = state.Sensitive,
                Language = state.Language,
                Channel = RequestChannel.Telegram,
                ChannelAddress = TelegramAddress.Of(chatId),
            },
            code,
            cancellationToken);
        switch (result)
        {
            // The phone's open request for this need, made before in any channel. Its code (the key to its
            // status and to erasing it) is told only to the chat that made it: a phone number proves nobody,
            // so anyone else is told only that it exists. Not added to the chat's requests either way.
            case Outcome<IntakeReceipt>.Done { Value: { Duplicate: true } duplicate }
                when await chatRequests.BelongsAsync(chatId, duplicate.TrackingCode.Value, cancellationToken):
                state.ClearDraft();
                return [prompts.Say(state, "bot.duplicate", new BotKeyboard(Remove: true), duplicate.TrackingCode.ToString(), prompts.T(state, "status." + duplicate.Status))];
            case Outcome<IntakeReceipt>.Done { Value.Duplicate: true }:
                state.ClearDraft();
                return [prompts.Say(state, "bot.duplicate.elsewhere", new BotKeyboard(Remove: true))];
            case Outcome<IntakeReceipt>.Limited limited:
                state.ClearDraft();
                return [prompts.Say(state, "bot.limit.phone", new BotKeyboard(Remove: true), limited.Allowed)];
            case Outcome<IntakeReceipt>.Done { Value: var accepted }:
                await chatRequests.AddAsync(chatId, accepted.TrackingCode, cancellationToken);
                state.ClearDraft();
                return [prompts.Say(state, "bot.confirmed", new BotKeyboard(Remove: true), accepted.TrackingCode.ToString())];
            default:
                // Every answer was checked on the way; a refusal here means the draft is stale.
                return MoveTo(state, ConversationStep.Sector);
        }
    }

    private IReadOnlyList<BotReply> MoveTo(ConversationEntity state, ConversationStep step)
    {
        state.Step = step.ToString();
        return prompts.Prompt(state);
    }

    // The draft's tracking code named by a Confirm button, canonical; null for anything else.
    private static string? ConfirmedDraft(string value) =>
        value.StartsWith(ConversationPrompts.Confirm + ".", StringComparison.Ordinal) && TrackingCode.TryParse(value[(ConversationPrompts.Confirm.Length + 1)..], out var code)
            ? code.Value.Value
            : null;

    // The /forget question stands in front of the step it interrupted.
    private static bool IsDrafting(ConversationEntity state) =>
        (state.CurrentStep() == ConversationStep.Forget && Enum.TryParse<ConversationStep>(state.ResumeStep, out var interrupted) ? interrupted : state.CurrentStep())
            is not (ConversationStep.Idle or ConversationStep.CancelRequest or ConversationStep.Comment or ConversationStep.Forget);
}
