using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Notifications;

/// <summary>Tells the citizen about a status change, in the citizen's language, through the channel
/// the request came from (Telegram; a web-form request has none and gets no notification), and records
/// what became of it. Reads the request, its events and its notification records in one partition
/// query. Idempotent: a notification that has a record is never sent again. In order: a change waits
/// while the notification of an earlier change of the same request is still on its way (at most
/// <see cref="DeliveryOptions.OrderWaitMinutes"/>), and one that comes after a later change was told is
/// recorded as superseded instead of being sent.</summary>
public sealed partial class StatusNotifier(
    ServiceRequestStore requests,
    NgoDirectory directory,
    TelegramGateway telegram,
    BotReplySender sender,
    ConversationStore conversations,
    RedeliverySchedule schedule,
    Texts texts,
    TimeProvider clock,
    ILogger<StatusNotifier> logger)
{
    /// <summary>Handles one <see cref="StatusChanged"/>: <see cref="DeliveryAttempt.Done"/> when told
    /// (or nothing to tell), a wait when the Bot API asked for one or an earlier change goes first,
    /// <see cref="DeliveryAttempt.Unavailable"/> when the Bot API could not be reached (nothing is
    /// recorded then; the caller tries again later).</summary>
    public async Task<DeliveryAttempt> NotifyAsync(StatusChanged message, CancellationToken cancellationToken)
    {
        var history = await requests.GetHistoryAsync(message.TrackingCode, cancellationToken);
        if (history?.Notifications.Any(n => n.EventSequence == message.EventSequence) == true)
        {
            return DeliveryAttempt.Done;
        }

        if (history?.Events.FirstOrDefault(e => e.Sequence == message.EventSequence) is not { } change)
        {
            LogMissing(message.RequestId, message.EventSequence);
            return DeliveryAttempt.Done;
        }

        // No channel to tell the citizen through (a web-form request, followed on the status page):
        // nothing is queued for such a request any more; a message queued before that is dropped, and
        // nothing is recorded.
        var request = history.Request;
        if (request.TelegramChatId is null)
        {
            LogNoChannel(message.RequestId, message.EventSequence);
            return DeliveryAttempt.Done;
        }

        if (history.Notifications.Any(n => n.EventSequence > change.Sequence))
        {
            // A later change was told already: this one would arrive out of order.
            await RecordAsync(request, change, NotificationOutcome.Skipped, NotificationOutcome.Superseded, cancellationToken);
            return DeliveryAttempt.Done;
        }

        if (EarlierOnItsWay(history, change) is { } earlier)
        {
            return DeliveryAttempt.WaitFor(schedule.WaitFor(clock.GetUtcNow() - earlier.OccurredAt));
        }

        var (attempt, outcome, detail) = await SendAsync(request, change, cancellationToken);
        if (attempt.State == DeliveryState.Done)
        {
            await RecordAsync(request, change, outcome, detail, cancellationToken);
            LogNotified(request.RequestId, change.Sequence, detail);
        }

        return attempt;
    }

    // The oldest earlier status change of the request that has no record yet and is recent enough that
    // its notification is probably still being tried (a change always queues one; see OrderWaitMinutes).
    private RequestEventEntity? EarlierOnItsWay(RequestHistory history, RequestEventEntity change) =>
        history.Events
            .Where(e => e.Sequence < change.Sequence && e.FromStatus is not null
                && history.Notifications.All(n => n.EventSequence != e.Sequence)
                && clock.GetUtcNow() - e.OccurredAt < schedule.OrderWait)
            .MinBy(e => e.Sequence);

    private Task RecordAsync(ServiceRequestEntity request, RequestEventEntity change, string outcome, string detail, CancellationToken cancellationToken) =>
        requests.TryAddAsync(new NotificationEntity
        {
            PartitionKey = request.PartitionKey,
            RowKey = Keys.NotificationRow(change.Sequence),
            EventSequence = change.Sequence,
            Outcome = outcome,
            Detail = detail,
            At = clock.GetUtcNow(),
        }, cancellationToken);

    // The outcome and detail to record when the attempt is done; when it is not (a 429, or the Bot API
    // could not be reached), nothing is recorded yet.
    private async Task<(DeliveryAttempt Attempt, string Outcome, string Detail)> SendAsync(ServiceRequestEntity request, RequestEventEntity change, CancellationToken cancellationToken)
    {
        var chatId = request.TelegramChatId!.Value;

        if (!telegram.IsConfigured)
        {
            return (DeliveryAttempt.Done, NotificationOutcome.Skipped, NotificationOutcome.BotNotConfigured);
        }

        if (await conversations.IsUnreachableAsync(chatId, cancellationToken))
        {
            return (DeliveryAttempt.Done, NotificationOutcome.Skipped, NotificationOutcome.ChatUnreachable);
        }

        var outcome = await sender.SendAsync(chatId, await ComposeAsync(request, change, cancellationToken), cancellationToken);
        switch (outcome.Stop)
        {
            case SendStop.Unreachable:
                await conversations.SetUnreachableAsync(chatId, true, cancellationToken);
                return (DeliveryAttempt.Done, NotificationOutcome.Skipped, NotificationOutcome.ChatUnreachable);

            // Stopped before anything went out: the same message again, later. (Once the update itself
            // went out, a lost rating prompt is not worth sending the update twice.)
            case SendStop.RateLimited when outcome.Sent == 0:
                return (DeliveryAttempt.WaitFor(outcome.RetryAfter!.Value), string.Empty, string.Empty);
            case SendStop.Unavailable when outcome.Sent == 0:
                return (DeliveryAttempt.Unavailable, string.Empty, string.Empty);
            default:
                return (DeliveryAttempt.Done, NotificationOutcome.Sent, NotificationOutcome.Telegram);
        }
    }

    // The update in the citizen's language; a Resolved update also asks for a 1–5 rating.
    private async Task<IReadOnlyList<BotReply>> ComposeAsync(ServiceRequestEntity request, RequestEventEntity change, CancellationToken cancellationToken)
    {
        _ = LanguageCodes.TryParse(request.Language, out var language);
        var display = TrackingCode.TryParse(request.PartitionKey, out var parsed) ? parsed.Value.ToString() : request.PartitionKey;
        var ngoName = string.Empty;
        if (change.NgoId is { } ngoId)
        {
            var ngo = (await directory.GetAllAsync(cancellationToken)).FirstOrDefault(n => n.Id == ngoId);
            ngoName = ngo?.Name.In(language) ?? ngoId;
        }

        var update = new BotReply(texts.Get($"notify.{change.Status}", language, display, ngoName));
        return change.Status == nameof(RequestStatus.Resolved)
            ? [update, new BotReply(texts.Get("bot.rate.ask", language), ConversationEngine.RatingKeyboard(request.PartitionKey))]
            : [update];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification for {RequestId} event {EventSequence} names nothing stored; nothing to do")]
    private partial void LogMissing(Guid requestId, int eventSequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification for {RequestId} event {EventSequence}: the request has no Telegram chat; nothing to send or record")]
    private partial void LogNoChannel(Guid requestId, int eventSequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification for {RequestId} event {EventSequence}: {Detail}")]
    private partial void LogNotified(Guid requestId, int eventSequence, string detail);
}
