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
/// (valid 24 hours, stored as its SHA-256 only). Rows in the Conversations table: PK
/// <c>ngo-link</c> / RK = code hash (the pending code); PK = group chat id / RK <c>ngo</c> (which NGO a
/// group acts for); PK <c>ngo-groups</c> / RK = NGO id (where the NGO's cases are posted). Each is a point read.
/// Whether an NGO has a group at all is also kept in memory (<see cref="IsLinkedAsync"/>). A DI
/// singleton, disposed with the container.</summary>
public sealed class NgoGroupLinks : IDisposable
{
    /// <summary>How long a link code stays valid.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromHours(24);

    private const string CodePartition = "ngo-link";
    private const string GroupRow = "ngo";
    private const string NgoPartition = "ngo-groups";

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

    /// <summary>A new one-time code for <paramref name="ngoId"/>: 10 symbols of Crockford base-32 (50 random bits).</summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> IssueAsync(string ngoId, CancellationToken cancellationToken)
    {
        var code = TrackingCode.New().Value;
        var expiresAt = _clock.GetUtcNow() + CodeLifetime;
        await _tables.Conversations.AddEntityAsync(
            new TableEntity(CodePartition, Hash(code)) { ["NgoId"] = ngoId, ["ExpiresAt"] = expiresAt }, cancellationToken);
        return (code, expiresAt);
    }

    /// <summary>Binds <paramref name="groupChatId"/> to the NGO the code was issued for and spends the
    /// code. Returns the NGO id, or <c>null</c> for an unknown, used or expired code.</summary>
    public async Task<string?> LinkAsync(long groupChatId, string? code, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(code, out var parsed))
        {
            return null;
        }

        var row = await _tables.Conversations.GetEntityIfExistsAsync<TableEntity>(CodePartition, Hash(parsed.Value.Value), cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetDateTimeOffset("ExpiresAt") < _clock.GetUtcNow())
        {
            return null;
        }

        var ngoId = row.Value.GetString("NgoId");
        var chat = groupChatId.ToString(CultureInfo.InvariantCulture);
        await _tables.Conversations.UpsertEntityAsync(new TableEntity(chat, GroupRow) { ["NgoId"] = ngoId }, TableUpdateMode.Replace, cancellationToken);
        await _tables.Conversations.UpsertEntityAsync(new TableEntity(NgoPartition, ngoId) { ["ChatId"] = groupChatId }, TableUpdateMode.Replace, cancellationToken);
        Remember(ngoId, linked: true);
        try
        {
            await _tables.Conversations.DeleteEntityAsync(CodePartition, row.Value.RowKey, row.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Spent by a second delivery of the same /link: the binding above is the same.
        }

        return ngoId;
    }

    /// <summary>The NGO a group acts for, or <c>null</c> when the group is not linked.</summary>
    public async Task<string?> NgoOfGroupAsync(long groupChatId, CancellationToken cancellationToken)
    {
        var row = await _tables.Conversations.GetEntityIfExistsAsync<TableEntity>(groupChatId.ToString(CultureInfo.InvariantCulture), GroupRow, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("NgoId") : null;
    }

    /// <summary>The group an NGO's cases are posted to, or <c>null</c>.</summary>
    public async Task<long?> GroupOfNgoAsync(string ngoId, CancellationToken cancellationToken)
    {
        var row = await _tables.Conversations.GetEntityIfExistsAsync<TableEntity>(NgoPartition, ngoId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetInt64("ChatId") : null;
    }

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

    private void Remember(string ngoId, bool linked)
    {
        var seconds = _options.Value.GroupLinkCacheSeconds;
        if (seconds > 0)
        {
            _linked.Set(ngoId, linked, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(seconds) });
        }
    }

    private static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}
