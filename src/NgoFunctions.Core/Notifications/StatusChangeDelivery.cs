using Microsoft.Extensions.Options;
using NgoFunctions.Core.Delivery;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Poison;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Core.Telegram.Groups;

namespace NgoFunctions.Core.Notifications;

/// <summary>Delivers one <see cref="StatusChanged"/> (queue <c>notifications</c>): the citizen's
/// notification (<see cref="StatusNotifier"/>) and the NGO group's post (<see cref="NgoGroupPoster"/>).
/// When either cannot be delivered now, the message goes back on the queue once, with the delay asked
/// for or, when the Bot API could not be reached, the growing delay of <see cref="RedeliverySchedule"/>;
/// both parts skip what they recorded already, so the next try does only what is left.</summary>
public sealed class StatusChangeDelivery(
    StatusNotifier notifier,
    NgoGroupPoster groups,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    RedeliverySchedule schedule,
    AttentionFlag attention,
    TimeProvider clock)
{
    /// <summary>Delivers <paramref name="message"/>. Throws <see cref="BotApiUnavailableException"/>
    /// once the Bot API has been unreachable for this message longer than
    /// <see cref="DeliveryOptions.GiveUpAfterHours"/> (the message then goes to the poison queue and
    /// its request is flagged for the ministry).</summary>
    public async Task DeliverAsync(StatusChanged message, CancellationToken cancellationToken)
    {
        DeliveryAttempt[] attempts = [await notifier.NotifyAsync(message, cancellationToken), await groups.PostAsync(message, cancellationToken)];
        if (attempts.Any(a => a.State == DeliveryState.Unavailable))
        {
            var since = message.FailingSince ?? clock.GetUtcNow();
            var delay = schedule.NextDelay(since)
                ?? throw new BotApiUnavailableException($"Notification of event {message.EventSequence} of {message.RequestId} could not be delivered since {since:O}.");
            await queues.SendAsync(queueNames.Value.Notifications, message with { FailingSince = since }, delay, cancellationToken);
        }
        else if (attempts.Where(a => a.State == DeliveryState.Wait).Select(a => a.Delay!.Value).DefaultIfEmpty().Max() is var wait && wait > TimeSpan.Zero)
        {
            await queues.SendAsync(queueNames.Value.Notifications, message with { WaitingSince = message.WaitingSince ?? clock.GetUtcNow() }, wait, cancellationToken);
        }
        else if (message.Replayed)
        {
            await attention.ClearAsync(message.TrackingCode, queueNames.Value.Notifications + QueueOptions.PoisonSuffix, cancellationToken);
        }
    }
}
