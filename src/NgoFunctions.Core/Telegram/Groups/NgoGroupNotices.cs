using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Telegram.Groups;

/// <summary>What the bot tells a group outside an answer to that group's own update: that it is no
/// longer linked to its NGO (the NGO linked another group, or the admin unlinked it), in Arabic then
/// English. Best effort: sent once, now; a group the Bot API cannot reach is not told later.</summary>
public sealed partial class NgoGroupNotices(BotReplySender sender, TelegramGateway telegram, Texts texts, ILogger<NgoGroupNotices> logger)
{
    /// <summary>Tells <paramref name="groupChatId"/> that it no longer acts for <paramref name="ngo"/>
    /// (named by <paramref name="ngoId"/> when the registry has no record). Never throws for the Bot
    /// API's answers or network failures; throws <see cref="OperationCanceledException"/> when
    /// <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task TellUnlinkedAsync(long groupChatId, string ngoId, Ngo? ngo, CancellationToken cancellationToken)
    {
        if (!telegram.IsConfigured)
        {
            return;
        }

        var text = texts.Get("group.unlinked", Language.Ar, ngo?.Name.Ar ?? ngoId) + "\n" + texts.Get("group.unlinked", Language.En, ngo?.Name.En ?? ngoId);
        var outcome = await sender.SendAsync(groupChatId, [new BotReply(text)], cancellationToken);
        if (outcome.Stop != SendStop.None)
        {
            LogNotTold(groupChatId, ngoId, outcome.Stop);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Group {ChatId}, unlinked from NGO {NgoId}, was not told ({Stop}); it is not tried again")]
    private partial void LogNotTold(long chatId, string ngoId, SendStop stop);
}
