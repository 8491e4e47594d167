using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Caching;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Telegram.Groups;

/// <summary>Binds an NGO's Telegram group to the NGO with a one-time link code the admin issues
/// (valid 24 hours, stored as its SHA-256 only). An NGO has at most one group and a group acts for at
/// most one NGO. Every row lives in one partition of the Conversations table, PK <c>ngo-groups</c>, so
/// that a link, a re-link or an unlink is one entity-group transaction, if-match the ETag of every row
/// it read: RK = NGO id, <c>ChatId</c> (where the NGO's cases are posted); RK <c>group|{chat id}</c>,
/// <c>NgoId</c> and <c>CodeSha256</c> (which NGO a group acts for, and the code that linked it); RK
/// <c>code|{code hash}</c>, <c>NgoId</c> and <c>ExpiresAt</c> (a code not spent yet). Each question is a
/// point read. Whether an NGO has a group at all is also kept in memory (<see cref="IsLinkedAsync"/>).
/// A DI singleton, disposed with the container. Storage failures surface as
/// <see cref="RequestFailedException"/>.</summary>
/// <remarks>Groups linked before this layout kept their side in the group's own partition (RK
/// <c>ngo</c>); such a row still counts while the NGO's row names that group, and is ignored after the
/// NGO links another group or is unlinked.</remarks>
public sealed class NgoGroupLinks : IDisposable
{
    /// <summary>How long a link code stays valid.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(24);

    private const string Partition = "ngo-groups";
    private const string GroupPrefix = "group|";
    private const string CodePrefix = "code|";
    private const string LegacyGroupRow = "ngo";

    // Every write is if-match what was read: a lost race reads again and decides again, this often.
    private const int WriteAttempts = 5;

    // One entry per NGO asked about: the registry's size, bounded all the same.
    private const int MaxCachedNgos = 10_000;

    private readonly StorageTables _tables;
    private readonly IOptions<TelegramOptions> _options;
    private readonly TimeProvider _clock;
    private readonly MemoryCache _linked;

    /// <summary>Creates the links over the Conversations table; the in-memory copy's lifetime comes from
    /// <see cref="TelegramOptions.GroupLinkCacheSeconds"/>, on <paramref name="clock"/>.</summary>
    public NgoGroupLinks(StorageTables tables, IOptions<TelegramOptions> options, TimeProvider clock)
    {
        _tables = tables;
        _options = options;
        _clock = clock;
        _linked = new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxCachedNgos, Clock = new TimeProviderCacheClock(clock) });
    }

    /// <summary>A new one-time code for <paramref name="ngoId"/>: 10 symbols of Crockford base-32 (50 random
    /// bits), and when it expires (<see cref="CodeLifetime"/> from now, UTC).</summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> IssueAsync(string ngoId, CancellationToken cancellationToken)
    {
        var code = TrackingCode.New().Value;
        var expiresAt = _clock.GetUtcNow() + CodeLifetime;
        await _tables.Conversations.AddEntityAsync(
            new TableEntity(Partition, CodePrefix + Hash(code)) { ["NgoId"] = ngoId, ["ExpiresAt"] = expiresAt }, cancellationToken);
        return (code, expiresAt);
    }

    /// <summary>Binds <paramref name="groupChatId"/> to the NGO the code was issued for and spends the code,
    /// in one transaction: of two groups sending the same code at once exactly one is linked. The NGO's
    /// previous group, if another, loses its binding in the same transaction (it can no longer act, and
    /// receives no more posts), as does the NGO this group acted for before. The same group sending the
    /// code again (a re-delivered or repeated <c>/link</c>) gets the same answer while the link stands.
    /// Returns <c>null</c> for an unknown, spent or expired code.</summary>
    public async Task<GroupLink?> LinkAsync(long groupChatId, string? code, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(code, out var parsed))
        {
            return null;
        }

        var hash = Hash(parsed.Value.Value);
        for (var attempt = 1; attempt <= WriteAttempts; attempt++)
        {
            var codeTask = ReadAsync(CodePrefix + hash, cancellationToken);
            var groupTask = ReadGroupAsync(groupChatId, cancellationToken);
            var (codeRow, group) = (await codeTask, await groupTask);
            if (codeRow is null || codeRow.GetDateTimeOffset("ExpiresAt") < _clock.GetUtcNow())
            {
                return group is { Row: { } row } && row.GetString("CodeSha256") == hash ? new GroupLink(group.NgoId, ReplacedGroup: null) : null;
            }

            var ngoId = codeRow.GetString("NgoId");
            var ngoRow = await ReadAsync(ngoId, cancellationToken);
            List<TableTransactionAction> actions =
            [
                new(TableTransactionActionType.Delete, codeRow, codeRow.ETag),
                Put(group?.Row, new TableEntity(Partition, GroupKey(groupChatId)) { ["NgoId"] = ngoId, ["CodeSha256"] = hash, ["LinkedAt"] = _clock.GetUtcNow() }),
                Put(ngoRow, new TableEntity(Partition, ngoId) { ["ChatId"] = groupChatId }),
            ];

            long? replaced = null;
            if (ngoRow?.GetInt64("ChatId") is { } previous && previous != groupChatId)
            {
                replaced = previous;
                if (await ReadAsync(GroupKey(previous), cancellationToken) is { } previousRow && previousRow.GetString("NgoId") == ngoId)
                {
                    actions.Add(new(TableTransactionActionType.Delete, previousRow, previousRow.ETag));
                }
            }

            string? displaced = null;
            if (group is not null && group.NgoId != ngoId
                && await ReadAsync(group.NgoId, cancellationToken) is { } otherNgo && otherNgo.GetInt64("ChatId") == groupChatId)
            {
                displaced = group.NgoId;
                actions.Add(new(TableTransactionActionType.Delete, otherNgo, otherNgo.ETag));
            }

            try
            {
                await _tables.Conversations.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another /link, re-link or unlink changed a row read above: decide again on fresh rows.
                continue;
            }

            Remember(ngoId, linked: true);
            if (displaced is not null)
            {
                Remember(displaced, linked: false);
            }

            return new GroupLink(ngoId, replaced);
        }

        throw new InvalidOperationException($"Linking group {groupChatId} kept losing races; the update will be delivered again.");
    }

    /// <summary>Removes the NGO's group binding, both ways, in one transaction: the group can no longer
    /// act and receives no more posts. Idempotent. Returns the group that was linked, or <c>null</c>
    /// when there was none.</summary>
    public async Task<long?> UnlinkAsync(string ngoId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= WriteAttempts; attempt++)
        {
            if (await ReadAsync(ngoId, cancellationToken) is not { } ngoRow)
            {
                Remember(ngoId, linked: false);
                return null;
            }

            var chatId = ngoRow.GetInt64("ChatId") ?? 0;
            List<TableTransactionAction> actions = [new(TableTransactionActionType.Delete, ngoRow, ngoRow.ETag)];
            if (await ReadAsync(GroupKey(chatId), cancellationToken) is { } groupRow && groupRow.GetString("NgoId") == ngoId)
            {
                actions.Add(new(TableTransactionActionType.Delete, groupRow, groupRow.ETag));
            }

            try
            {
                await _tables.Conversations.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                continue;
            }

            Remember(ngoId, linked: false);
            return chatId;
        }

        throw new InvalidOperationException($"Unlinking NGO {ngoId} kept losing races; send it again.");
    }

    /// <summary>The NGO a group acts for, or <c>null</c> when the group is not linked. One point read
    /// (three for a group linked before the one-partition layout, or not linked at all).</summary>
    public async Task<string?> NgoOfGroupAsync(long groupChatId, CancellationToken cancellationToken) =>
        (await ReadGroupAsync(groupChatId, cancellationToken))?.NgoId;

    /// <summary>The group an NGO's cases are posted to, or <c>null</c>. One point read.</summary>
    public async Task<long?> GroupOfNgoAsync(string ngoId, CancellationToken cancellationToken) =>
        (await ReadAsync(ngoId, cancellationToken))?.GetInt64("ChatId");

    /// <summary>Whether <paramref name="ngoId"/> has a linked group: from this process's copy when it is
    /// younger than <see cref="TelegramOptions.GroupLinkCacheSeconds"/> seconds, else one point read
    /// (then kept). For deciding whether a change has anyone to tell; the post itself reads the group
    /// with <see cref="GroupOfNgoAsync"/>. Throws <see cref="RequestFailedException"/> when storage fails.</summary>
    public async Task<bool> IsLinkedAsync(string ngoId, CancellationToken cancellationToken)
    {
        if (_linked.TryGetValue(ngoId, out bool linked))
        {
            return linked;
        }

        linked = await GroupOfNgoAsync(ngoId, cancellationToken) is not null;
        Remember(ngoId, linked);
        return linked;
    }

    /// <inheritdoc />
    public void Dispose() => _linked.Dispose();

    // The group's binding: its row in the shared partition, else a row of the older layout that the
    // NGO's own row still confirms (then Row is null: there is nothing in the partition to replace).
    private async Task<GroupBinding?> ReadGroupAsync(long groupChatId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(GroupKey(groupChatId), cancellationToken) is { } row)
        {
            return new GroupBinding(row.GetString("NgoId"), row);
        }

        var legacy = await _tables.Conversations.GetEntityIfExistsAsync<TableEntity>(
            groupChatId.ToString(CultureInfo.InvariantCulture), LegacyGroupRow, cancellationToken: cancellationToken);
        return legacy.HasValue && legacy.Value!.GetString("NgoId") is { } ngoId && await GroupOfNgoAsync(ngoId, cancellationToken) == groupChatId
            ? new GroupBinding(ngoId, Row: null)
            : null;
    }

    private async Task<TableEntity?> ReadAsync(string rowKey, CancellationToken cancellationToken)
    {
        var response = await _tables.Conversations.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    // Insert-only when nothing was read (a concurrent insert fails the transaction), else replace
    // if-match the row read.
    private static TableTransactionAction Put(TableEntity? read, TableEntity row) => read is null
        ? new(TableTransactionActionType.Add, row)
        : new(TableTransactionActionType.UpdateReplace, row, read.ETag);

    private void Remember(string ngoId, bool linked)
    {
        var seconds = _options.Value.GroupLinkCacheSeconds;
        if (seconds > 0)
        {
            _linked.Set(ngoId, linked, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) });
        }
    }

    private static string GroupKey(long chatId) => GroupPrefix + chatId.ToString(CultureInfo.InvariantCulture);

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));

    private sealed record GroupBinding(string NgoId, TableEntity? Row);
}

/// <summary>A group linked by <see cref="NgoGroupLinks.LinkAsync"/>.</summary>
/// <param name="NgoId">The NGO the group now acts for.</param>
/// <param name="ReplacedGroup">The NGO's previous group, unlinked by this link (to be told), or <c>null</c>.</param>
public sealed record GroupLink(string NgoId, long? ReplacedGroup);
