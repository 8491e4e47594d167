using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Core.Telegram.Conversation;
using Microsoft.Extensions.Options;

namespace NgoFunctions.Core.Notifications;

/// <summary>Tells the citizen about a status change, in the citizen's language, through the channel
/// the request came from (Telegram; a web-form request has none and gets no notification), and records
/// what became of it. Reads the request, the event and the notification record in one partition
/// query. Idempotent: a notification that has a record is never sent again.</summary>
public sealed partial class StatusNotifier(
    ServiceRequestStore requests,
    NgoDirectory directory,
    TelegramGateway telegram,
    BotReplySender sender,
    ConversationStore conversations,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    Texts texts,
    TimeProvider clock,
    ILogger<StatusNotifier> logger)
{
    /// <summary>Handles one <see cref="StatusChanged"/>. Throws when the Bot API fails other than
    /// with 403 (the queue retries, then moves the message to its poison queue).</summary>
    public async Task NotifyAsync(StatusChanged message, CancellationToken cancellationToken)
    {
        var code = message.TrackingCode;
        var (request, change, notified) = await requests.FindForNotificationAsync(code, message.EventSequence, cancellationToken);
        if (notified)
        {
            return;
        }

        if (request is null || change is null)
        {
            LogMissing(message.RequestId, message.EventSequence);
            return;
        }

        // No channel to tell the citizen through (a web-form request, followed on the status page):
        // nothing is queued for such a request any more; a message queued before that is dropped, and
        // nothing is recorded.
        if (request.TelegramChatId is null)
        {
            LogNoChannel(message.RequestId, message.EventSequence);
            return;
        }

        var detail = await SendAsync(request, change, message, cancellationToken);
        if (detail is null)
        {
            return;
        }

        await requests.TryAddAsync(new NotificationEntity
        {
            PartitionKey = code,
            RowKey = Keys.NotificationRow(change.Sequence),
            EventSequence = change.Sequence,
            Outcome = detail == NotificationOutcome.Telegram ? NotificationOutcome.Sent : NotificationOutcome.Skipped,
            Detail = detail,
            At = clock.GetUtcNow(),
        }, cancellationToken);
        LogNotified(request.RequestId, change.Sequence, detail);
    }

    // The outcome to record, or null when the Bot API asked us to wait: the same message is queued
    // again with that delay and nothing is recorded yet.
    private async Task<string?> SendAsync(ServiceRequestEntity request, RequestEventEntity change, StatusChanged message, CancellationToken cancellationToken)
    {
        var chatId = request.TelegramChatId!.Value;

        if (!telegram.IsConfigured)
        {
            return NotificationOutcome.BotNotConfigured;
        }

        if (await conversations.IsUnreachableAsync(chatId, cancellationToken))
        {
            return NotificationOutcome.ChatUnreachable;
        }

        var outcome = await sender.SendAsync(chatId, await ComposeAsync(request, change, cancellationToken), cancellationToken);
        if (outcome.Unreachable)
        {
            await conversations.SetUnreachableAsync(chatId, true, cancellationToken);
            return NotificationOutcome.ChatUnreachable;
        }

        // Asked to wait before anything went out: the same message again, later. (Once the update itself
        // went out, a lost rating prompt is not worth sending the update twice.)
        if (outcome.RetryAfter is { } delay && outcome.Sent == 0)
        {
            await queues.SendAsync(queueNames.Value.Notifications, message, delay, cancellationToken);
            return null;
        }

        return NotificationOutcome.Telegram;
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
