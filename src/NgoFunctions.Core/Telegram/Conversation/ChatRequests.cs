using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Requests;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>The requests a chat made: <c>/status</c> and the per-chat limits (open requests, new
/// requests a day; settings in <see cref="TelegramOptions"/>).</summary>
public sealed class ChatRequests(
    ConversationStore store,
    RequestStatusQuery statuses,
    SectorCatalogue sectors,
    Texts texts,
    IOptions<TelegramOptions> options,
    TimeProvider clock)
{
    private const int StatusLines = 5;

    private static readonly HashSet<string> Finished =
        [nameof(RequestStatus.Resolved), nameof(RequestStatus.Closed), nameof(RequestStatus.Cancelled)];

    /// <summary>Remembers a request created from the chat.</summary>
    public Task AddAsync(long chatId, TrackingCode code, CancellationToken cancellationToken) =>
        store.AddRequestAsync(chatId, code.Value, clock.GetUtcNow(), cancellationToken);

    /// <summary>The chat's latest requests with status and NGO, one line each; a sensitive one with its
    /// code and status only.</summary>
    public async Task<BotReply> DescribeAsync(long chatId, Language language, CancellationToken cancellationToken)
    {
        var views = await ViewsAsync((await store.GetRequestsAsync(chatId, cancellationToken)).Take(StatusLines), cancellationToken);
        if (views.Count == 0)
        {
            return new BotReply(texts.Get("bot.status.none", language));
        }

        return new BotReply(texts.Get("bot.status.header", language) + "\n" + string.Join("\n", views.Select(v => Line(v, language))));
    }

    /// <summary>Whether the request with this canonical code was made from this chat (the chat may act on it).</summary>
    public async Task<bool> BelongsAsync(long chatId, string trackingCode, CancellationToken cancellationToken) =>
        (await store.GetRequestsAsync(chatId, cancellationToken)).Any(r => r.TrackingCode == trackingCode);

    /// <summary>The chat's requests that are not finished yet (resolved, closed, cancelled), newest first.</summary>
    public async Task<IReadOnlyList<RequestStatusView>> OpenAsync(long chatId, CancellationToken cancellationToken) =>
        (await ViewsAsync(await store.GetRequestsAsync(chatId, cancellationToken), cancellationToken)).Where(v => !Finished.Contains(v.Status)).ToList();

    /// <summary>The polite refusal when the chat may not make another request now, else <c>null</c>.
    /// A request already made under <paramref name="pending"/> (the same Confirm, delivered again)
    /// is never refused.</summary>
    public async Task<BotReply?> LimitReachedAsync(long chatId, TrackingCode pending, Language language, CancellationToken cancellationToken) =>
        await LimitAsync(chatId, pending, cancellationToken) is { } limit ? new BotReply(texts.Get(limit, language)) : null;

    /// <summary>As <see cref="LimitReachedAsync"/>, the refusal as text to render in any language
    /// (<c>bot.limit.daily</c> or <c>bot.limit.open</c>, with the limit), else <c>null</c>.</summary>
    public async Task<LocalText?> LimitAsync(long chatId, TrackingCode pending, CancellationToken cancellationToken)
    {
        var rows = await store.GetRequestsAsync(chatId, cancellationToken);
        if (rows.Any(r => r.TrackingCode == pending.Value))
        {
            return null;
        }

        var today = clock.GetUtcNow().UtcDateTime.Date;
        if (rows.Count(r => r.SubmittedAt.UtcDateTime.Date == today) >= options.Value.MaxNewRequestsPerDay)
        {
            return new LocalText("bot.limit.daily", options.Value.MaxNewRequestsPerDay);
        }

        var open = (await ViewsAsync(rows, cancellationToken)).Count(v => !Finished.Contains(v.Status));
        return open >= options.Value.MaxOpenRequestsPerChat
            ? new LocalText("bot.limit.open", options.Value.MaxOpenRequestsPerChat)
            : null;
    }

    // A sensitive request's line names neither its sector nor its NGO: the chat may be read over the
    // citizen's shoulder.
    private string Line(RequestStatusView v, Language language)
    {
        var status = texts.Get("status." + v.Status, language);
        if (v.Sensitive)
        {
            return texts.Get("bot.status.lineSensitive", language, v.TrackingCode, status);
        }

        var sector = sectors.Find(v.Sector)?.Name.In(language) ?? v.Sector ?? string.Empty;
        return v.Ngo is null
            ? texts.Get("bot.status.line", language, v.TrackingCode, sector, status)
            : texts.Get("bot.status.lineWithNgo", language, v.TrackingCode, sector, status, v.Ngo.Name.In(language));
    }

    private async Task<List<RequestStatusView>> ViewsAsync(IEnumerable<ChatRequestEntity> rows, CancellationToken cancellationToken)
    {
        var views = await Task.WhenAll(rows.Select(r => statuses.FindAsync(r.TrackingCode, cancellationToken)));
        return views.OfType<RequestStatusView>().ToList();
    }
}
