using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>What the bot says in a private chat, in the chat's language: the question of each
/// <see cref="ConversationStep"/> with its buttons, the rating buttons of a resolved request, and the
/// texts the conversation answers with. The first question (the sector) also offers the whole request
/// on one page, the Mini App form, when <see cref="TelegramOptions.MiniAppUrl"/> is set.</summary>
public sealed class ConversationPrompts(Texts texts, SectorCatalogue sectors, LocationCatalogue locations, IOptions<TelegramOptions> options)
{
    /// <summary>The District button's value that leaves the district out.</summary>
    internal const string Skip = "skip";

    /// <summary>Confirm's callback value: "confirm.{draft's tracking code}" ("confirm" alone on summaries sent
    /// before the code was carried, which confirm whatever draft is at the summary).</summary>
    internal const string Confirm = "confirm";

    /// <summary>The summary's sensitive choice: "m:sensitive.on" marks the draft sensitive.</summary>
    internal const string SensitiveOn = "sensitive.on";

    /// <summary>The summary's sensitive choice: "m:sensitive.off" unmarks it.</summary>
    internal const string SensitiveOff = "sensitive.off";

    /// <summary>The rating buttons sent with a Resolved update.</summary>
    public static BotKeyboard RatingKeyboard(string trackingCode) => new(Inline:
    [
        Enumerable.Range(1, 5).Select(n => new InlineButton($"{n}⭐", new CallbackData(ConversationStep.Rating, $"{trackingCode}.{n}").ToString())).ToList(),
    ]);

    /// <summary>The answer of a closure button that says the help arrived: <c>k:{tracking code}.y</c>.</summary>
    internal const string Received = "y";

    /// <summary>The answer of a closure button that says it did not: <c>k:{tracking code}.n</c>.</summary>
    internal const string NotReceived = "n";

    /// <summary>"Did you get the help you needed?" with its two buttons, sent with a Resolved update, in
    /// <paramref name="language"/>.</summary>
    public static BotReply ClosureQuestion(Texts texts, string trackingCode, Domain.Language language) => new(
        texts.Get("bot.closure.ask", language),
        new BotKeyboard(Inline:
        [
            [
                new InlineButton(texts.Get("bot.closure.yes", language), new CallbackData(ConversationStep.Closure, $"{trackingCode}.{Received}").ToString()),
                new InlineButton(texts.Get("bot.closure.no", language), new CallbackData(ConversationStep.Closure, $"{trackingCode}.{NotReceived}").ToString()),
            ],
        ]));

    /// <summary>The question of the chat's current step with its buttons; nothing for a step that asks
    /// nothing. At the summary it draws the draft's tracking code the first time.</summary>
    public IReadOnlyList<BotReply> Prompt(ConversationEntity state)
    {
        var language = state.ChatLanguage();
        string L(string key) => T(state, key);
        InlineButton Button(ConversationStep step, string label, string value) => new(label, new CallbackData(step, value).ToString());

        switch (state.CurrentStep())
        {
            case ConversationStep.Language:
                // Before the choice the language is not known: both, Arabic first.
                return
                [
                    new BotReply($"{texts.Get("bot.welcome", Language.Ar)}\n\n{texts.Get("bot.welcome", Language.En)}", Inline([
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
                var sectorRows = Rows(sectors.All.Select(s => Button(ConversationStep.Sector, s.Name.In(language), s.Code)), 2);
                if (options.Value.MiniAppUrl is { Length: > 0 } miniApp)
                {
                    sectorRows.Add([new InlineButton(L("bot.button.miniApp"), string.Empty, $"{miniApp}?lang={language.ToCode()}")]);
                }

                return [Say(state, "bot.ask.sector", Inline(sectorRows))];
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

    /// <summary>The text under <paramref name="key"/> in the chat's language, filled with <paramref name="args"/>.</summary>
    public string T(ConversationEntity state, string key, params object[] args) => texts.Get(key, state.ChatLanguage(), args);

    /// <summary>A message with the text under <paramref name="key"/> in the chat's language, and its buttons.</summary>
    public BotReply Say(ConversationEntity state, string key, BotKeyboard? keyboard = null, params object[] args) =>
        new(T(state, key, args), keyboard);

    /// <summary>The answer to a button that no longer means anything: pressed twice, from an old message,
    /// or not the bot's.</summary>
    public BotReply StaleButton(ConversationEntity state, string callbackQueryId) =>
        BotReply.Answer(callbackQueryId, T(state, "bot.staleButton"));

    /// <summary>A tracking code as the citizen reads it, <c>XXXXX-XXXXX</c>; as it is when it is not one.</summary>
    public static string Display(string trackingCode) =>
        TrackingCode.TryParse(trackingCode, out var code) ? code.Value.ToString() : trackingCode;

    /// <summary>Inline buttons under a message.</summary>
    internal static BotKeyboard Inline(IReadOnlyList<IReadOnlyList<InlineButton>> rows) => new(Inline: rows);

    /// <summary><paramref name="buttons"/> in rows of <paramref name="perRow"/>.</summary>
    internal static List<IReadOnlyList<InlineButton>> Rows(IEnumerable<InlineButton> buttons, int perRow) =>
        buttons.Chunk(perRow).Select(row => (IReadOnlyList<InlineButton>)row).ToList();
}
