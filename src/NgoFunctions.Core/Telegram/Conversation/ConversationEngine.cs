using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
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
    Texts texts,
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
    private const string Skip = "skip";

    // Confirm's callback value: "confirm.{draft's tracking code}" ("confirm" alone on summaries sent
    // before the code was carried, which confirm whatever draft is at the summary).
    private const string Confirm = "confirm";

    // The summary's sensitive choice: "m:sensitive.on" marks the draft sensitive, "m:sensitive.off" unmarks it.
    private const string SensitiveOn = "sensitive.on";
    private const string SensitiveOff = "sensitive.off";

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
            BotInput.Unsupported { Kind: BotInput.Unsupported.Edited } => [Say(state, "bot.editedIgnored")],
            _ => [Say(state, "bot.textOnly"), .. Prompt(state)],
        };
    }

    private async Task<IReadOnlyList<BotReply>> OnCommandAsync(ConversationEntity state, long chatId, string command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case "start":
                ClearDraft(state);
                state.ResumeStep = nameof(ConversationStep.Sector);
                state.Step = nameof(ConversationStep.Language);
                return [.. Prompt(state)];
            case "language":
                if (Step(state) != ConversationStep.Language)
                {
                    state.ResumeStep = Step(state) == ConversationStep.Idle ? null : state.Step;
                }

                state.Step = nameof(ConversationStep.Language);
                return [.. Prompt(state)];
            case "cancel" when IsDrafting(state):
                ClearDraft(state);
                return [Say(state, "bot.cancelled", keyboard: new BotKeyboard(Remove: true))];
            case "cancel":
                return await ChooseRequestToCancelAsync(state, chatId, cancellationToken);
            case "skip" when Step(state) == ConversationStep.Comment:
                ClearDraft(state);
                return [Say(state, "bot.thanks")];
            case "status":
                return [await chatRequests.DescribeAsync(chatId, Language(state), cancellationToken)];
            case "forget":
                // Asked in the middle of a draft, "keep" goes back to it (as after /language).
                if (Step(state) != ConversationStep.Forget)
                {
                    state.ResumeStep = Step(state) == ConversationStep.Idle ? null : state.Step;
                }

                state.Step = nameof(ConversationStep.Forget);
                return [.. Prompt(state)];
            default:
                return [Say(state, "bot.help")];
        }
    }

    private async Task<IReadOnlyList<BotReply>> OnButtonAsync(ConversationEntity state, long chatId, BotInput.Button button, CancellationToken cancellationToken)
    {
        if (!CallbackData.TryParse(button.Data, out var data))
        {
            return [BotReply.Answer(button.QueryId, T(state, "bot.staleButton"))];
        }

        // Confirm names the draft it sends. Pressed for a draft that is no longer the one at the summary
        // (a second tap, one that raced the first and lost, or an old summary), it sends nothing; if
        // that draft became a request, the citizen is given its code again.
        if (data.Step == ConversationStep.Summary && ConfirmedDraft(data.Value) is { } draft
            && (Step(state) != ConversationStep.Summary || draft != state.PendingTrackingCode))
        {
            return await chatRequests.BelongsAsync(chatId, draft, cancellationToken)
                ? [BotReply.Answer(button.QueryId, T(state, "bot.confirm.already", Display(draft)))]
                : [BotReply.Answer(button.QueryId, T(state, "bot.staleButton"))];
        }

        // A button from an earlier question (pressed twice, or from an old message) changes nothing.
        // Rating buttons come with a status update, not a question, and stay valid.
        if (data.Step != Step(state) && data.Step != ConversationStep.Rating)
        {
            return [BotReply.Answer(button.QueryId, T(state, "bot.staleButton"))];
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
                return [answer, Say(state, "bot.language.set"), .. Prompt(state)];
            case ConversationStep.Sector when sectors.Find(data.Value) is not null:
                state.Sector = data.Value;
                return [answer, .. MoveTo(state, ConversationStep.Governorate)];
            case ConversationStep.Governorate when locations.Find(data.Value)?.Level == AdminLevel.Governorate:
                state.Governorate = data.Value;
                state.District = null;
                return [answer, .. MoveTo(state, ConversationStep.District)];
            case ConversationStep.District when data.Value == Skip || locations.Find(data.Value)?.ParentPCode == state.Governorate:
                state.District = data.Value == Skip ? null : data.Value;
                return [answer, .. MoveTo(state, ConversationStep.Description)];
            case ConversationStep.Consent when data.Value == "yes":
                state.Consent = true;
                return [answer, .. MoveTo(state, ConversationStep.Summary)];
            case ConversationStep.Consent:
                state.Consent = false;
                return [answer, Say(state, "bot.consent.required")];
            case ConversationStep.Summary when data.Value == Confirm || ConfirmedDraft(data.Value) is not null:
                return [answer, .. await ConfirmAsync(state, chatId, cancellationToken)];
            case ConversationStep.Summary when data.Value is SensitiveOn or SensitiveOff:
                state.Sensitive = data.Value == SensitiveOn;
                return [answer, .. Prompt(state)];
            case ConversationStep.Summary when data.Value == "edit":
                return [answer, .. MoveTo(state, ConversationStep.Sector)];
            case ConversationStep.Summary when data.Value == "cancel":
                ClearDraft(state);
                return [answer, Say(state, "bot.cancelled")];
            case ConversationStep.CancelRequest when await chatRequests.BelongsAsync(chatId, data.Value, cancellationToken):
                ClearDraft(state);
                return await cancellation.CancelAsync(data.Value, cancellationToken) switch
                {
                    CancellationOutcome.Cancelled => [BotReply.Answer(button.QueryId, T(state, "bot.cancel.done"))],
                    CancellationOutcome.NotAllowed => [answer, Say(state, "bot.cancel.notAllowed", args: [Display(data.Value)])],
                    _ => [BotReply.Answer(button.QueryId, T(state, "bot.staleButton"))],
                };
            case ConversationStep.Forget when data.Value == "yes":
                await eraser.EraseChatRequestsAsync(chatId, cancellationToken);
                Forget(state);
                return [answer, Say(state, "bot.forget.done", new BotKeyboard(Remove: true))];
            case ConversationStep.Forget when data.Value == "no":
                state.Step = state.ResumeStep ?? nameof(ConversationStep.Idle);
                state.ResumeStep = null;
                return [answer, Say(state, "bot.forget.kept"), .. Prompt(state)];
            default:
                return [BotReply.Answer(button.QueryId, T(state, "bot.staleButton"))];
        }
    }

    // After /forget is confirmed the chat keeps only what it needs to go on working: its language, the
    // update ids it handled (so a repeat is not answered again) and whether it blocked the bot. The draft
    // goes, and so do replies not sent yet (a summary quotes the description and phone); the claim on them
    // goes too, so the answer to this update is sent now, after whatever a sender holding it is sending.
    private static void Forget(ConversationEntity state)
    {
        ClearDraft(state);
        state.Outbox = null;
        state.OutboxClaimedUntil = null;
    }

    private async Task<IReadOnlyList<BotReply>> OnTextAsync(ConversationEntity state, string text, CancellationToken cancellationToken)
    {
        switch (Step(state))
        {
            case ConversationStep.Description:
                if (IntakeRules.HasHiddenControls(text))
                {
                    return [Say(state, "validation.text.hidden")];
                }

                if (!IntakeRules.IsDescriptionLengthValid(text))
                {
                    return [Say(state, "validation.description.length", args: [IntakeLimits.DescriptionMin, IntakeLimits.DescriptionMax])];
                }

                state.Description = text.Trim();
                return MoveTo(state, ConversationStep.Phone);
            case ConversationStep.Phone when text.Trim() == T(state, "bot.button.skip"):
                state.Phone = null;
                return MoveTo(state, ConversationStep.Consent);
            case ConversationStep.Phone:
                if (!phones.TryNormalize(text, out var e164))
                {
                    return [Say(state, "validation.phone.invalid")];
                }

                state.Phone = e164;
                return MoveTo(state, ConversationStep.Consent);
            case ConversationStep.Comment:
                await feedback.CommentAsync(state.FeedbackFor!, text, cancellationToken);
                ClearDraft(state);
                return [Say(state, "bot.thanks")];
            case ConversationStep.Idle:
                return [Say(state, "bot.help")];
            default:
                return [Say(state, "bot.useButtons"), .. Prompt(state)];
        }
    }

    private IReadOnlyList<BotReply> OnLocation(ConversationEntity state, BotInput.Location location)
    {
        if (Step(state) is not (ConversationStep.Governorate or ConversationStep.District))
        {
            return [Say(state, "bot.useButtons"), .. Prompt(state)];
        }

        if (locator.Locate(location.Latitude, location.Longitude) is not { } found)
        {
            return [Say(state, "bot.outsideSyria")];
        }

        state.Governorate = found.Governorate.PCode;
        state.District = found.District.PCode;
        var language = Language(state);
        return [Say(state, "bot.located", args: [found.District.Name.In(language), found.Governorate.Name.In(language)]), .. MoveTo(state, ConversationStep.Description)];
    }

    private IReadOnlyList<BotReply> OnContact(ConversationEntity state, BotInput.Contact contact)
    {
        if (Step(state) != ConversationStep.Phone)
        {
            return [Say(state, "bot.useButtons"), .. Prompt(state)];
        }

        if (!contact.IsOwn)
        {
            return [Say(state, "bot.phone.notOwn")];
        }

        if (!phones.TryNormalize(contact.PhoneNumber.StartsWith('+') ? contact.PhoneNumber : "+" + contact.PhoneNumber, out var e164))
        {
            return [Say(state, "validation.phone.invalid")];
        }

        state.Phone = e164;
        return MoveTo(state, ConversationStep.Consent);
    }

    private async Task<IReadOnlyList<BotReply>> ChooseRequestToCancelAsync(ConversationEntity state, long chatId, CancellationToken cancellationToken)
    {
        var open = await chatRequests.OpenAsync(chatId, cancellationToken);
        if (open.Count == 0)
        {
            return [Say(state, "bot.cancel.none")];
        }

        var language = Language(state);
        state.Step = nameof(ConversationStep.CancelRequest);
        var buttons = open.Select(v => new InlineButton(
            v.Sensitive ? v.TrackingCode : $"{v.TrackingCode} — {sectors.Find(v.Sector)?.Name.In(language) ?? v.Sector}",
            new CallbackData(ConversationStep.CancelRequest, v.TrackingCode.Replace("-", string.Empty, StringComparison.Ordinal)).ToString()));
        return [Say(state, "bot.cancel.choose", Inline(Rows(buttons, 1)))];
    }

    // Rating buttons carry "{tracking code}.{1-5}"; only the chat that made the request may rate it.
    private async Task<IReadOnlyList<BotReply>> RateAsync(ConversationEntity state, long chatId, string queryId, string value, CancellationToken cancellationToken)
    {
        var parts = value.Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[1], out var rating) || !await chatRequests.BelongsAsync(chatId, parts[0], cancellationToken))
        {
            return [BotReply.Answer(queryId, T(state, "bot.staleButton"))];
        }

        switch (await feedback.RateAsync(parts[0], rating, cancellationToken))
        {
            case FeedbackOutcome.Recorded:
                ClearDraft(state);
                state.Step = nameof(ConversationStep.Comment);
                state.FeedbackFor = parts[0];
                return [BotReply.Answer(queryId), Say(state, "bot.rate.thanks")];
            case FeedbackOutcome.AlreadyRated:
                return [BotReply.Answer(queryId, T(state, "bot.rate.already"))];
            default:
                return [BotReply.Answer(queryId, T(state, "bot.rate.notAllowed"))];
        }
    }

    /// <summary>The rating buttons sent with a Resolved update.</summary>
    public static BotKeyboard RatingKeyboard(string trackingCode) => new(Inline:
    [
        Enumerable.Range(1, 5).Select(n => new InlineButton($"{n}⭐", new CallbackData(ConversationStep.Rating, $"{trackingCode}.{n}").ToString())).ToList(),
    ]);

    private async Task<IReadOnlyList<BotReply>> ConfirmAsync(ConversationEntity state, long chatId, CancellationToken cancellationToken)
    {
        var code = TrackingCode.TryParse(state.PendingTrackingCode, out var pending) ? pending.Value : TrackingCode.New();
        if (await chatRequests.LimitReachedAsync(chatId, code, Language(state), cancellationToken) is { } refusal)
        {
            ClearDraft(state);
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
                ClearDraft(state);
                return [Say(state, "bot.duplicate", new BotKeyboard(Remove: true), duplicate.TrackingCode.ToString(), T(state, "status." + duplicate.Status))];
            case Outcome<IntakeReceipt>.Done { Value.Duplicate: true }:
                ClearDraft(state);
                return [Say(state, "bot.duplicate.elsewhere", new BotKeyboard(Remove: true))];
            case Outcome<IntakeReceipt>.Limited limited:
                ClearDraft(state);
                return [Say(state, "bot.limit.phone", new BotKeyboard(Remove: true), limited.Allowed)];
            case Outcome<IntakeReceipt>.Done { Value: var accepted }:
                await chatRequests.AddAsync(chatId, accepted.TrackingCode, cancellationToken);
                ClearDraft(state);
                return [Say(state, "bot.confirmed", new BotKeyboard(Remove: true), accepted.TrackingCode.ToString())];
            default:
                // Every answer was checked on the way; a refusal here means the draft is stale.
                return MoveTo(state, ConversationStep.Sector);
        }
    }

    private IReadOnlyList<BotReply> MoveTo(ConversationEntity state, ConversationStep step)
    {
        state.Step = step.ToString();
        return Prompt(state);
    }

    // The draft's tracking code named by a Confirm button, canonical; null for anything else.
    private static string? ConfirmedDraft(string value) =>
        value.StartsWith(Confirm + ".", StringComparison.Ordinal) && TrackingCode.TryParse(value[(Confirm.Length + 1)..], out var code)
            ? code.Value.Value
            : null;

    private IReadOnlyList<BotReply> Prompt(ConversationEntity state)
    {
        var language = Language(state);
        string L(string key) => T(state, key);
        InlineButton Button(ConversationStep step, string label, string value) => new(label, new CallbackData(step, value).ToString());

        switch (Step(state))
        {
            case ConversationStep.Language:
                // Before the choice the language is not known: both, Arabic first.
                return
                [
                    new BotReply($"{texts.Get("bot.welcome", Domain.Language.Ar)}\n\n{texts.Get("bot.welcome", Domain.Language.En)}", Inline([
                        [Button(ConversationStep.Language, "العربية", "ar"), Button(ConversationStep.Language, "English", "en")]])),
                ];
            case ConversationStep.Forget:
                return
                [
                    new BotReply(L("bot.forget.ask"), Inline([
                        [Button(ConversationStep.Forget, L("bot.button.forget.confirm"), "yes")],
                        [Button(ConversationStep.Forget, L("bot.button.forget.keep"), "no")]])),
                ];
            case ConversationStep.Sector:
                return [Say(state, "bot.ask.sector", Inline(Rows(sectors.All.Select(s => Button(ConversationStep.Sector, s.Name.In(language), s.Code)), 2)))];
            case ConversationStep.Governorate:
                return
                [
                    Say(state, "bot.ask.governorate", new BotKeyboard(Request: [[new RequestButton(L("bot.button.shareLocation"), "location")]])),
                    new BotReply("🗺️", Inline(Rows(locations.Governorates.Select(g => Button(ConversationStep.Governorate, g.Name.In(language), g.PCode)), 2))),
                ];
            case ConversationStep.District:
                var governorate = locations.Find(state.Governorate)!;
                var districts = Rows(locations.ChildrenOf(governorate.PCode).Select(d => Button(ConversationStep.District, d.Name.In(language), d.PCode)), 2);
                return [Say(state, "bot.ask.district", Inline([.. districts, [Button(ConversationStep.District, L("bot.button.skip"), Skip)]]), governorate.Name.In(language))];
            case ConversationStep.Description:
                return [Say(state, "bot.ask.description", new BotKeyboard(Remove: true), IntakeLimits.DescriptionMin, IntakeLimits.DescriptionMax)];
            case ConversationStep.Phone:
                return [Say(state, "bot.ask.phone", new BotKeyboard(Request: [[new RequestButton(L("bot.button.sharePhone"), "contact")], [new RequestButton(L("bot.button.skip"))]]))];
            case ConversationStep.Consent:
                return
                [
                    new BotReply(L("bot.ask.consent"), Inline([
                        [Button(ConversationStep.Consent, L("bot.button.yes"), "yes"), Button(ConversationStep.Consent, L("bot.button.no"), "no")]])),
                ];
            case ConversationStep.Summary:
                // The draft's code (and idempotency key) is drawn the first time its summary is shown and
                // kept through edits, so every Confirm of this draft names the same request.
                if (!TrackingCode.TryParse(state.PendingTrackingCode, out _))
                {
                    state.PendingTrackingCode = TrackingCode.New().Value;
                }

                var place = string.Join("، ", new[] { state.Governorate, state.District }.Where(p => p is not null).Select(p => locations.Find(p)!.Name.In(language)));
                var summary = texts.Get("bot.summary", language, sectors.Find(state.Sector)!.Name.In(language), place, state.Description, state.Phone ?? L("bot.summary.noPhone"));
                List<IReadOnlyList<InlineButton>> rows = [[Button(ConversationStep.Summary, L("bot.button.confirm"), $"{Confirm}.{state.PendingTrackingCode}")]];

                // Protection is sensitive whatever the citizen says: no choice to offer, only the explanation.
                string sensitiveNote;
                if (SensitiveCases.IsSensitive(state.Sector, markedByCitizen: false))
                {
                    sensitiveNote = L("bot.summary.sensitive.protection");
                }
                else if (state.Sensitive == true)
                {
                    sensitiveNote = L("bot.summary.sensitive.on");
                    rows.Add([Button(ConversationStep.Summary, L("bot.button.notSensitive"), SensitiveOff)]);
                }
                else
                {
                    sensitiveNote = L("bot.summary.sensitive.off");
                    rows.Add([Button(ConversationStep.Summary, L("bot.button.sensitive"), SensitiveOn)]);
                }

                rows.Add([Button(ConversationStep.Summary, L("bot.button.edit"), "edit"), Button(ConversationStep.Summary, L("bot.button.cancel"), "cancel")]);
                return [new BotReply(summary + "\n\n" + sensitiveNote, Inline(rows))];
            default:
                return [];
        }
    }

    // The /forget question stands in front of the step it interrupted.
    private static bool IsDrafting(ConversationEntity state) =>
        (Step(state) == ConversationStep.Forget && Enum.TryParse<ConversationStep>(state.ResumeStep, out var interrupted) ? interrupted : Step(state))
            is not (ConversationStep.Idle or ConversationStep.CancelRequest or ConversationStep.Comment or ConversationStep.Forget);

    private static string Display(string trackingCode) =>
        TrackingCode.TryParse(trackingCode, out var code) ? code.Value.ToString() : trackingCode;

    private static void ClearDraft(ConversationEntity state)
    {
        state.Step = nameof(ConversationStep.Idle);
        state.ResumeStep = null;
        state.FeedbackFor = null;
        state.Sector = state.Governorate = state.District = state.Description = state.Phone = state.PendingTrackingCode = null;
        state.Consent = null;
        state.Sensitive = null;
    }

    private static ConversationStep Step(ConversationEntity state) =>
        Enum.TryParse<ConversationStep>(state.Step, out var step) ? step : ConversationStep.Idle;

    private static Language Language(ConversationEntity state) =>
        LanguageCodes.TryParse(state.Language, out var language) ? language : Domain.Language.Ar;

    private static BotKeyboard Inline(IReadOnlyList<IReadOnlyList<InlineButton>> rows) => new(Inline: rows);

    private static List<IReadOnlyList<InlineButton>> Rows(IEnumerable<InlineButton> buttons, int perRow) =>
        buttons.Chunk(perRow).Select(row => (IReadOnlyList<InlineButton>)row).ToList();

    private string T(ConversationEntity state, string key, params object[] args) => texts.Get(key, Language(state), args);

    private BotReply Say(ConversationEntity state, string key, BotKeyboard? keyboard = null, params object[] args) =>
        new(T(state, key, args), keyboard);
}
