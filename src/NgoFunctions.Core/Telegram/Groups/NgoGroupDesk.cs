using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Telegram.Groups;

/// <summary>An NGO's Telegram group: <c>/link CODE</c> binds it to the NGO (replacing the group the NGO
/// had); the buttons under each posted case accept, decline (with a reason from the fixed list), start
/// and resolve it through <see cref="NgoCaseActions"/>, the same service as the NGO API. Only the group
/// now linked can act, only on cases routed to its NGO, only while the NGO is active, and only its
/// administrators (<see cref="NgoGroupAdmins"/>); contact details appear after accepting, as in the
/// API. A group that is not linked is told to use a private chat for help.</summary>
public sealed class NgoGroupDesk(
    NgoGroupLinks links,
    NgoGroupAdmins admins,
    NgoCaseActions actions,
    NgoRegistry registry,
    NgoCasePost post,
    NgoGroupNotices notices,
    Texts texts)
{
    /// <summary>Prefix of the group buttons' callback data: <c>n:{a|s|r|r0..r5|d|d0..d5}:{tracking code}</c>
    /// (<c>r</c> asks for the outcome; <c>r0</c> resolves successful, <c>r1..r5</c> not successful with
    /// the reason of that place in <see cref="ResolutionOutcomes.Reasons"/>, all but <c>other</c>, which
    /// needs a note the NGO API takes).</summary>
    public const string ButtonPrefix = "n:";

    /// <summary>Handles a command or a button press in group <paramref name="chatId"/>, sent by
    /// <paramref name="from"/> (<c>null</c> when the update names nobody: its buttons are refused).
    /// Returns the replies for the group's outbox; the NGO's previous group, when a link replaces it, is
    /// told at once (best effort). Throws <see cref="Azure.RequestFailedException"/> when storage fails.</summary>
    public async Task<IReadOnlyList<BotReply>> HandleAsync(long chatId, GroupSender? from, BotInput input, CancellationToken cancellationToken)
    {
        if (input is BotInput.Command { Name: "link" } link)
        {
            return await LinkAsync(chatId, link.Argument, cancellationToken);
        }

        var ngoId = await links.NgoOfGroupAsync(chatId, cancellationToken);
        return input switch
        {
            BotInput.Command when ngoId is not null => [new BotReply(Both("group.help"))],
            BotInput.Command => [new BotReply(Both("bot.groupChat"))],
            BotInput.Button button when ngoId is null => [BotReply.Answer(button.QueryId, texts.Get("group.notLinked", Language.Ar))],
            BotInput.Button button => await PressAsync(chatId, from, ngoId, button, cancellationToken),
            _ => [],
        };
    }

    /// <summary>Unlinks the NGO's group (admin), and tells that group, best effort. Idempotent.
    /// Returns <c>false</c> when no NGO has this id (nothing changed). Throws
    /// <see cref="Azure.RequestFailedException"/> when storage fails.</summary>
    public async Task<bool> UnlinkAsync(string ngoId, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(ngoId, cancellationToken) is not { } ngo)
        {
            return false;
        }

        if (await links.UnlinkAsync(ngoId, cancellationToken) is { } group)
        {
            await notices.TellUnlinkedAsync(group, ngoId, ngo, cancellationToken);
        }

        return true;
    }

    private async Task<IReadOnlyList<BotReply>> LinkAsync(long chatId, string? code, CancellationToken cancellationToken)
    {
        if (await links.LinkAsync(chatId, code, cancellationToken) is not { } link)
        {
            return [new BotReply(Both("group.badCode"))];
        }

        var ngo = await registry.FindAsync(link.NgoId, cancellationToken);
        if (link.ReplacedGroup is { } replaced)
        {
            await notices.TellUnlinkedAsync(replaced, link.NgoId, ngo, cancellationToken);
        }

        return [new BotReply(texts.Get("group.linked", Language.Ar, ngo?.Name.Ar ?? link.NgoId) + "\n" + texts.Get("group.linked", Language.En, ngo?.Name.En ?? link.NgoId))];
    }

    private async Task<IReadOnlyList<BotReply>> PressAsync(long chatId, GroupSender? from, string ngoId, BotInput.Button button, CancellationToken cancellationToken)
    {
        var parts = button.Data?.Split(':') ?? [];
        if (parts is not ["n", var action, var code])
        {
            return [BotReply.Answer(button.QueryId, texts.Get("bot.staleButton", Language.Ar))];
        }

        var command = action switch
        {
            "a" => new NgoCaseCommand(NgoCaseAction.Accept, Language.Ar),
            "s" => new NgoCaseCommand(NgoCaseAction.Start, Language.Ar),
            "r0" => new NgoCaseCommand(NgoCaseAction.Resolve, Language.Ar, Outcome: ResolutionOutcomes.Successful),
            ['r', var digit] when digit - '1' is >= 0 and var i && i < GroupOutcomeReasons.Count =>
                new NgoCaseCommand(NgoCaseAction.Resolve, Language.Ar, GroupOutcomeReasons[i], Outcome: ResolutionOutcomes.NotSuccessful),
            ['d', var digit] when digit - '0' is >= 0 and var i && i < NgoActions.DeclineReasons.Codes.Count =>
                new NgoCaseCommand(NgoCaseAction.Decline, Language.Ar, NgoActions.DeclineReasons.Codes[i]),
            _ => null,
        };
        if (command is null && action is not ("d" or "r"))
        {
            return [BotReply.Answer(button.QueryId, texts.Get("bot.staleButton", Language.Ar))];
        }

        // Who may press: a deactivated NGO's group does nothing; only the group's administrators act,
        // and when the Bot API cannot say who they are, nobody does.
        var language = from?.Language ?? Language.Ar;
        if (await registry.FindAsync(ngoId, cancellationToken) is not { Active: true })
        {
            return [BotReply.Answer(button.QueryId, texts.Get("group.ngoInactive", language))];
        }

        switch (from is null ? GroupRole.Member : await admins.RoleOfAsync(chatId, from.UserId, cancellationToken))
        {
            case GroupRole.Member:
                return [BotReply.Answer(button.QueryId, texts.Get("group.adminsOnly", language))];
            case GroupRole.Unknown:
                return [BotReply.Answer(button.QueryId, texts.Get("group.adminUnknown", language))];
        }

        if (command is null)
        {
            return [BotReply.Answer(button.QueryId), action == "r" ? post.ResolutionOutcomes(code) : post.DeclineReasons(code)];
        }

        return await actions.ApplyAsync(ngoId, code, command, cancellationToken) switch
        {
            Outcome<NgoCaseView>.Done done => [BotReply.Answer(button.QueryId), post.AfterAction(command.Action, done.Value)],
            Outcome<NgoCaseView>.NotFound => [BotReply.Answer(button.QueryId, texts.Get("group.notYours", Language.Ar))],
            _ => [BotReply.Answer(button.QueryId, texts.Get("group.conflict", Language.Ar))],
        };
    }

    /// <summary>The not-successful reasons a group button can give: every one but <c>other</c> (its note
    /// cannot be typed on a button), in the order of <see cref="ResolutionOutcomes.Reasons"/>.</summary>
    public static readonly IReadOnlyList<string> GroupOutcomeReasons =
        ResolutionOutcomes.Reasons.Where(r => r != ResolutionOutcomes.OtherReason).ToList();

    private string Both(string key) => texts.Get(key, Language.Ar) + "\n" + texts.Get(key, Language.En);
}
