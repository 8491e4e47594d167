using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Caching;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace NgoFunctions.Core.Telegram.Groups;

/// <summary>Whether a member of an NGO's group is one of the group's administrators (its creator or an
/// administrator), asked of the Bot API with <c>getChatMember</c> through the real Telegram.Bot client.
/// An answer is kept in memory for <see cref="TelegramOptions.GroupAdminCacheSeconds"/> per (group,
/// member), on the injected clock; a failure to ask is never kept. A DI singleton, disposed with the
/// container.</summary>
public sealed partial class NgoGroupAdmins : IDisposable
{
    // One entry per (group, member) pressing buttons within the cache time: bounded all the same.
    private const int MaxCachedMembers = 10_000;

    private readonly TelegramGateway _gateway;
    private readonly IOptions<TelegramOptions> _options;
    private readonly ILogger<NgoGroupAdmins> _logger;
    private readonly MemoryCache _answers;

    /// <summary>Creates the check over <paramref name="gateway"/>; answers expire on <paramref name="clock"/>.</summary>
    public NgoGroupAdmins(TelegramGateway gateway, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<NgoGroupAdmins> logger)
    {
        _gateway = gateway;
        _options = options;
        _logger = logger;
        _answers = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxCachedMembers, Clock = new TimeProviderCacheClock(clock) });
    }

    /// <summary>Whether user <paramref name="userId"/> administers group <paramref name="groupChatId"/>:
    /// from memory when asked within <see cref="TelegramOptions.GroupAdminCacheSeconds"/>, else one
    /// <c>getChatMember</c> call. A Bot API refusal about the member (400: not a member; 403: the bot
    /// is no longer in the group) is <see cref="GroupRole.Member"/>; no bot token, a 429, a 5xx, a
    /// time-out or no connection is <see cref="GroupRole.Unknown"/>, for the caller to refuse. Throws only
    /// <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task<GroupRole> RoleOfAsync(long groupChatId, long userId, CancellationToken cancellationToken)
    {
        var key = (groupChatId, userId);
        if (_answers.TryGetValue(key, out GroupRole known))
        {
            return known;
        }

        if (!_gateway.IsConfigured)
        {
            return GroupRole.Unknown;
        }

        GroupRole role;
        try
        {
            var member = await _gateway.CreateClient().GetChatMember(groupChatId, userId, cancellationToken);
            role = member.Status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator ? GroupRole.Administrator : GroupRole.Member;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is >= 400 and < 500 and not 429)
        {
            role = GroupRole.Member;
        }
        catch (Exception ex) when (ex is ApiRequestException || BotApiFailures.IsPassing(ex, cancellationToken))
        {
            LogUnknown(groupChatId, ex.GetType().Name, (ex as ApiRequestException)?.ErrorCode ?? 0);
            return GroupRole.Unknown;
        }

        var seconds = _options.Value.GroupAdminCacheSeconds;
        if (seconds > 0)
        {
            _answers.Set(key, role, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) });
        }

        return role;
    }

    /// <inheritdoc />
    public void Dispose() => _answers.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask the Bot API who administers group {ChatId} ({Failure}, error {ErrorCode}); the press is refused")]
    private partial void LogUnknown(long chatId, string failure, int errorCode);
}

/// <summary>What a member is in an NGO's group, as far as its case buttons go.</summary>
public enum GroupRole
{
    /// <summary>The Bot API could not be asked: act as if not an administrator.</summary>
    Unknown,

    /// <summary>Any member that is not an administrator (or not a member at all).</summary>
    Member,

    /// <summary>The group's creator or one of its administrators: may act on the NGO's cases.</summary>
    Administrator,
}
