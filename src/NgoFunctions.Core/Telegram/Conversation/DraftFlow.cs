using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>Writing a request in a private chat: the answers from sector to consent (buttons, typed text,
/// a shared location or contact), the summary's buttons, and Confirm, which makes the draft a request
/// through <see cref="ServiceRequestIntake"/>, the same service the form uses.</summary>
public sealed class DraftFlow(
    ConversationPrompts prompts,
    SectorCatalogue sectors,
    LocationCatalogue locations,
    LocationLocator locator,
    PhoneNumberNormalizer phones,
    ServiceRequestIntake intake,
    ChatRequests chatRequests,
    ChatReceipts receipts)
{
    /// <summary>The answer to a Confirm pressed for a draft that is no longer the one at the summary;
    /// <c>null</c> for any other button. Asked before a button is judged stale by its step, since this
    /// one knows better.</summary>
    public async Task<IReadOnlyList<BotReply>?> ConfirmOfAnotherDraftAsync(ConversationEntity state, long chatId, string callbackQueryId, CallbackData data, CancellationToken cancellationToken)
    {
        // Confirm names the draft it sends. Pressed for a draft that is no longer the one at the summary
        // (a second tap, one that raced the first and lost, or an old summary), it sends nothing; if
        // that draft became a request, the citizen is given its code again.
        if (data.Step == ConversationStep.Summary && ConfirmedDraft(data.Value) is { } draft
            && (state.CurrentStep() != ConversationStep.Summary || draft != state.PendingTrackingCode))
        {
            return await chatRequests.BelongsAsync(chatId, draft, cancellationToken)
                ? [BotReply.Answer(callbackQueryId, prompts.T(state, "bot.confirm.already", ConversationPrompts.Display(draft)))]
                : [prompts.StaleButton(state, callbackQueryId)];
        }

        return null;
    }

    /// <summary>Applies a button of the draft's current step (sector, governorate, district, consent, summary).</summary>
    public async Task<IReadOnlyList<BotReply>> OnButtonAsync(ConversationEntity state, long chatId, string callbackQueryId, CallbackData data, CancellationToken cancellationToken)
    {
        var answer = BotReply.Answer(callbackQueryId);
        switch (data.Step)
        {
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
            default:
                return [prompts.StaleButton(state, callbackQueryId)];
        }
    }

    /// <summary>Takes the description typed at <see cref="ConversationStep.Description"/>, or says what is wrong with it.</summary>
    public IReadOnlyList<BotReply> OnDescription(ConversationEntity state, string text)
    {
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
    }

    /// <summary>Takes the phone number typed at <see cref="ConversationStep.Phone"/>, or the Skip button's text.</summary>
    public IReadOnlyList<BotReply> OnPhone(ConversationEntity state, string text)
    {
        if (text.Trim() == prompts.T(state, "bot.button.skip"))
        {
            state.Phone = null;
            return MoveTo(state, ConversationStep.Consent);
        }

        if (!phones.TryNormalize(text, out var e164))
        {
            return [prompts.Say(state, "validation.phone.invalid")];
        }

        state.Phone = e164;
        return MoveTo(state, ConversationStep.Consent);
    }

    /// <summary>Takes a shared location as the governorate and district.</summary>
    public IReadOnlyList<BotReply> OnLocation(ConversationEntity state, BotInput.Location location)
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

    /// <summary>Takes a shared contact as the phone number, when it is the citizen's own.</summary>
    public IReadOnlyList<BotReply> OnContact(ConversationEntity state, BotInput.Contact contact)
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
            case Outcome<IntakeReceipt>.Limited limited:
                state.ClearDraft();
                return [prompts.Say(state, "bot.limit.phone", new BotKeyboard(Remove: true), limited.Allowed)];
            // A new request, or the phone's open request for this need made before in any channel.
            case Outcome<IntakeReceipt>.Done { Value: var receipt }:
                state.ClearDraft();
                return [await receipts.TellAsync(state, chatId, receipt, cancellationToken)];
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
}
