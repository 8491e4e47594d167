using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Telegram.Groups;

/// <summary>The messages an NGO's group sees about a case, in Arabic (the staff's language here): the
/// new case with Accept / Decline, the decline reasons, and after each action the next button. No
/// personal data before the NGO accepted; after it, contact details only with the citizen's consent.
/// A sensitive case (<see cref="SensitiveCases"/>) shows only its tracking code and urgency, never its
/// sector, place, vulnerabilities, description or contact details, even after accepting: the group is
/// told to read them through the NGO API, which gives them as for any case.</summary>
public sealed class NgoCasePost(Texts texts, SectorCatalogue sectors, LocationCatalogue locations)
{
    private const Language Staff = Language.Ar;

    /// <summary>A newly routed case (no personal data), with Accept and Decline; for a sensitive case
    /// only its tracking code and urgency.</summary>
    public BotReply NewCase(ServiceRequestEntity request)
    {
        var code = TrackingCode.TryParse(request.PartitionKey, out var parsed) ? parsed.Value.ToString() : request.PartitionKey;
        var buttons = Buttons([(texts.Get("group.button.accept", Staff), $"a:{request.PartitionKey}"), (texts.Get("group.button.decline", Staff), $"d:{request.PartitionKey}")]);
        if (SensitiveCases.IsSensitive(request))
        {
            return new BotReply(texts.Get("group.newCase.sensitive", Staff, code, texts.Get("urgency." + request.Urgency.ToLowerInvariant(), Staff)), buttons);
        }

        var vulnerabilities = string.Join("، ", request.Vulnerabilities.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => Vulnerabilities.All.FirstOrDefault(a => a.Code == v).Label?.In(Staff) ?? v));
        var text = texts.Get("group.newCase", Staff,
            code,
            sectors.Find(request.Sector)?.Name.In(Staff) ?? request.Sector,
            Place(request.Governorate, request.District, request.SubDistrict),
            texts.Get("urgency." + request.Urgency.ToLowerInvariant(), Staff),
            vulnerabilities.Length == 0 ? "—" : vulnerabilities);
        return new BotReply(text, buttons);
    }

    /// <summary>The citizen withdrew a case the NGO held: its place is free.</summary>
    public BotReply Cancelled(ServiceRequestEntity request) =>
        new(texts.Get("group.cancelled", Staff, TrackingCode.TryParse(request.PartitionKey, out var parsed) ? parsed.Value.ToString() : request.PartitionKey));

    /// <summary>The citizen says the help did not arrive: the case is the NGO's again (InProgress), with the
    /// Resolve button for when it is done.</summary>
    public BotReply Disputed(ServiceRequestEntity request)
    {
        var code = TrackingCode.TryParse(request.PartitionKey, out var parsed) ? parsed.Value.ToString() : request.PartitionKey;
        return new BotReply(texts.Get("group.disputed", Staff, code), Buttons([(texts.Get("group.button.resolve", Staff), $"r:{request.PartitionKey}")]));
    }

    /// <summary>The citizen withdrew their personal data from a case the NGO saw the contact details of.</summary>
    public BotReply Withdrawn(ServiceRequestEntity request) =>
        new(texts.Get("group.withdrawn", Staff, TrackingCode.TryParse(request.PartitionKey, out var parsed) ? parsed.Value.ToString() : request.PartitionKey));

    /// <summary>The fixed decline reasons as buttons.</summary>
    public BotReply DeclineReasons(string trackingCode) => new(
        texts.Get("group.declineWhy", Staff),
        new BotKeyboard(Inline: NgoActions.DeclineReasons.Codes
            .Select((reason, i) => (IReadOnlyList<InlineButton>)[new InlineButton(texts.Get("ngo.decline." + reason, Staff), $"{NgoGroupDesk.ButtonPrefix}d{i}:{trackingCode}")])
            .ToList()));

    /// <summary>The resolution's outcomes as buttons: successful, then each not-successful reason a button
    /// can give (<see cref="NgoGroupDesk.GroupOutcomeReasons"/>).</summary>
    public BotReply ResolutionOutcomes(string trackingCode) => new(
        texts.Get("group.outcomeWhich", Staff),
        new BotKeyboard(Inline: NgoGroupDesk.GroupOutcomeReasons
            .Select((reason, i) => (Label: texts.Get("group.outcome.notSuccessful", Staff, texts.Get("ngo.outcome.reason." + reason, Staff)), Data: $"r{i + 1}"))
            .Prepend((Label: texts.Get("ngo.outcome.successful", Staff), Data: "r0"))
            .Select(b => (IReadOnlyList<InlineButton>)[new InlineButton(b.Label, $"{NgoGroupDesk.ButtonPrefix}{b.Data}:{trackingCode}")])
            .ToList()));

    /// <summary>What the group sees after <paramref name="action"/> took effect, with the next button.
    /// Accepting shows the contact details (with consent), except for a sensitive case.</summary>
    public BotReply AfterAction(NgoCaseAction action, NgoCaseView view)
    {
        var code = view.TrackingCode.Replace("-", string.Empty, StringComparison.Ordinal);
        return action switch
        {
            NgoCaseAction.Accept => new BotReply(
                texts.Get("group.accepted", Staff, view.TrackingCode) + "\n" + Contact(view),
                Buttons([(texts.Get("group.button.start", Staff), $"s:{code}")])),
            NgoCaseAction.Start => new BotReply(texts.Get("group.started", Staff, view.TrackingCode), Buttons([(texts.Get("group.button.resolve", Staff), $"r:{code}")])),
            NgoCaseAction.Resolve => new BotReply(texts.Get("group.resolved", Staff, view.TrackingCode)),
            _ => new BotReply(texts.Get("group.declined", Staff, view.TrackingCode)),
        };
    }

    private string Contact(NgoCaseView view) =>
        view.Sensitive ? texts.Get("group.sensitive.apiOnly", Staff)
        : view.Citizen is { } citizen ? texts.Get("group.contact", Staff, citizen.Name ?? "—", citizen.Phone ?? "—", citizen.Description)
        : texts.Get("group.noContact", Staff);

    private string Place(params string?[] pCodes) =>
        string.Join("، ", pCodes.Where(p => p is not null).Select(p => locations.Find(p)?.Name.In(Staff) ?? p));

    private static BotKeyboard Buttons(IEnumerable<(string Label, string Data)> buttons) =>
        new(Inline: [buttons.Select(b => new InlineButton(b.Label, NgoGroupDesk.ButtonPrefix + b.Data)).ToList()]);
}
