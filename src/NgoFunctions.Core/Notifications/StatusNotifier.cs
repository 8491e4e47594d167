using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Notifications;

/// <summary>Tells the citizen about a status change, in the citizen's language, through the channel
/// the request came from (the <see cref="INotificationChannel"/> of its <see cref="ServiceRequestEntity.Channel"/>,
/// at its <see cref="ServiceRequestEntity.ChannelAddress"/>; a web-form request has no address and gets no
/// notification), and records what became of it. Reads the request, its events and its notification records in one partition
/// query. Idempotent: a notification that has a record is never sent again. In order: a change waits
/// while the notification of an earlier change of the same request is still on its way (at most
/// <see cref="DeliveryOptions.OrderWaitMinutes"/>), and one that comes after a later change was told is
/// recorded as superseded instead of being sent.</summary>
public sealed partial class StatusNotifier(
    ServiceRequestStore requests,
    NgoDirectory directory,
    NotificationChannels channels,
    RedeliverySchedule schedule,
    Texts texts,
    TimeProvider clock,
    ILogger<StatusNotifier> logger)
{
    /// <summary>Handles one <see cref="StatusChanged"/>: <see cref="DeliveryAttempt.Done"/> when told
    /// (or nothing to tell), a wait when the channel asked for one or an earlier change goes first,
    /// <see cref="DeliveryAttempt.Unavailable"/> when the channel could not be reached (nothing is
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

        // No channel to tell the citizen through (a web-form request, followed on the status page; or a
        // channel this deployment does not run): nothing is queued for such a request any more; a message
        // queued before that is dropped, and nothing is recorded.
        var request = history.Request;
        if (channels.For(request) is not { } channel)
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

        if (EarlierOnItsWay(history, change))
        {
            // Usually the earlier one is a moment from done: look again soon, then less often the
            // longer this one waits (the earlier one may be waiting out an outage).
            return DeliveryAttempt.WaitFor(schedule.WaitFor(clock.GetUtcNow() - (message.WaitingSince ?? clock.GetUtcNow())));
        }

        var (attempt, outcome, detail) = await channel.DeliverAsync(await ComposeAsync(request, change, cancellationToken), cancellationToken);
        if (attempt.State == DeliveryState.Done)
        {
            await RecordAsync(request, change, outcome, detail, cancellationToken);
            LogNotified(request.RequestId, change.Sequence, detail);
        }

        return attempt;
    }

    // Whether an earlier status change of the request has no record yet and is recent enough that its
    // notification is probably still being tried (a change always queues one; see OrderWaitMinutes).
    private bool EarlierOnItsWay(RequestHistory history, RequestEventEntity change) =>
        history.Events.Any(e => e.Sequence < change.Sequence && e.FromStatus is not null
            && history.Notifications.All(n => n.EventSequence != e.Sequence)
            && clock.GetUtcNow() - e.OccurredAt < schedule.OrderWait);

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

    // The update in the citizen's language, naming the request and, when it concerns one, the NGO.
    private async Task<StatusUpdate> ComposeAsync(ServiceRequestEntity request, RequestEventEntity change, CancellationToken cancellationToken)
    {
        _ = LanguageCodes.TryParse(request.Language, out var language);
        var display = TrackingCode.TryParse(request.PartitionKey, out var parsed) ? parsed.Value.ToString() : request.PartitionKey;
        var ngoName = string.Empty;
        if (change.NgoId is { } ngoId)
        {
            var ngo = (await directory.GetAllAsync(cancellationToken)).FirstOrDefault(n => n.Id == ngoId);
            ngoName = ngo?.Name.In(language) ?? ngoId;
        }

        // A change with a name of its own (the citizen's closure answer, the silence that closed it) has its own words.
        var key = texts.Find($"notifyEvent.{change.Type}", language) is not null ? $"notifyEvent.{change.Type}" : $"notify.{change.Status}";
        return new StatusUpdate(request.ChannelAddress!, request.PartitionKey, change.Status!, language, texts.Get(key, language, display, ngoName));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification for {RequestId} event {EventSequence} names nothing stored; nothing to do")]
    private partial void LogMissing(Guid requestId, int eventSequence);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification for {RequestId} event {EventSequence}: the request has no channel address, or its channel is not run here; nothing to send or record")]
    private partial void LogNoChannel(Guid requestId, int eventSequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification for {RequestId} event {EventSequence}: {Detail}")]
    private partial void LogNotified(Guid requestId, int eventSequence, string detail);
}
