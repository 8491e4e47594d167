using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Telegram.Groups;

/// <summary>An NGO's Telegram group: <c>/link CODE</c> binds it to the NGO; the buttons under each
/// posted case accept, decline (with a reason from the fixed list), start and resolve it through
/// <see cref="NgoCaseActions"/>, the same service as the NGO API. Only a linked group can act, and only
/// on cases routed to its NGO; contact details appear after accepting, as in the API. A group that is
/// not linked is told to use a private chat for help.</summary>
public sealed class NgoGroupDesk(NgoGroupLinks links, NgoCaseActions actions, NgoRegistry registry, NgoCasePost post, Texts texts)
{
    /// <summary>Prefix of the group buttons' callback data: <c>n:{a|s|r|d|d0..d5}:{tracking code}</c>.</summary>
    public const string ButtonPrefix = "n:";

    /// <summary>Handles a command or a button press in group <paramref name="chatId"/>.</summary>
    public async Task<IReadOnlyList<BotReply>> HandleAsync(long chatId, BotInput input, CancellationToken cancellationToken)
    {
        var ngoId = await links.NgoOfGroupAsync(chatId, cancellationToken);
        return input switch
        {
            BotInput.Command { Name: "link" } link => await LinkAsync(chatId, link.Argument, cancellationToken),
            BotInput.Command when ngoId is not null => [new BotReply(Both("group.help"))],
            BotInput.Command => [new BotReply(Both("bot.groupChat"))],
            BotInput.Button button when ngoId is null => [BotReply.Answer(button.QueryId, texts.Get("group.notLinked", Language.Ar))],
            BotInput.Button button => await PressAsync(ngoId, button, cancellationToken),
            _ => [],
        };
    }

    private async Task<IReadOnlyList<BotReply>> LinkAsync(long chatId, string? code, CancellationToken cancellationToken)
    {
        if (await links.LinkAsync(chatId, code, cancellationToken) is not { } ngoId)
        {
            return [new BotReply(Both("group.badCode"))];
        }

        var ngo = await registry.FindAsync(ngoId, cancellationToken);
        return [new BotReply(texts.Get("group.linked", Language.Ar, ngo?.Name.Ar ?? ngoId) + "\n" + texts.Get("group.linked", Language.En, ngo?.Name.En ?? ngoId))];
    }

    private async Task<IReadOnlyList<BotReply>> PressAsync(string ngoId, BotInput.Button button, CancellationToken cancellationToken)
    {
        var parts = button.Data?.Split(':') ?? [];
        if (parts is not ["n", var action, var code])
        {
            return [BotReply.Answer(button.QueryId, texts.Get("bot.staleButton", Language.Ar))];
        }

        if (action == "d")
        {
            return [BotReply.Answer(button.QueryId), post.DeclineReasons(code)];
        }

        var command = action switch
        {
            "a" => new NgoCaseCommand(NgoCaseAction.Accept, Language.Ar),
            "s" => new NgoCaseCommand(NgoCaseAction.Start, Language.Ar),
            "r" => new NgoCaseCommand(NgoCaseAction.Resolve, Language.Ar),
            ['d', var digit] when digit - '0' is >= 0 and var i && i < NgoActions.DeclineReasons.Codes.Count =>
                new NgoCaseCommand(NgoCaseAction.Decline, Language.Ar, NgoActions.DeclineReasons.Codes[i]),
            _ => null,
        };
        if (command is null)
        {
            return [BotReply.Answer(button.QueryId, texts.Get("bot.staleButton", Language.Ar))];
        }

        return await actions.ApplyAsync(ngoId, code, command, cancellationToken) switch
        {
            NgoCaseOutcome.Done done => [BotReply.Answer(button.QueryId), post.AfterAction(command.Action, done.Case)],
            NgoCaseOutcome.NotFound => [BotReply.Answer(button.QueryId, texts.Get("group.notYours", Language.Ar))],
            _ => [BotReply.Answer(button.QueryId, texts.Get("group.conflict", Language.Ar))],
        };
    }

    private string Both(string key) => texts.Get(key, Language.Ar) + "\n" + texts.Get(key, Language.En);
}
