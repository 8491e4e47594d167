using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Notifications;

/// <summary>One way of telling citizens about their requests. <see cref="StatusNotifier"/> hands a status
/// update to the channel whose <see cref="Channel"/> is the request's, at the request's address on it.
/// Telegram is one (<see cref="Telegram.TelegramNotificationChannel"/>); another (a WhatsApp Cloud API or
/// SMS gateway) is a folder of its own with its implementation, registered with
/// <c>services.AddSingleton&lt;INotificationChannel, T&gt;()</c>, and intake that stores requests under its
/// name and address.</summary>
public interface INotificationChannel
{
    /// <summary>The channel this implementation serves: requests stored with this name are told through it.</summary>
    RequestChannel Channel { get; }

    /// <summary>Delivers <paramref name="update"/>. Returns what to record: <see cref="ChannelDelivery.Sent"/>
    /// or <see cref="ChannelDelivery.Skipped"/> (with why) when done; or, with nothing recorded, a wait the
    /// channel asked for (<see cref="Delivery.DeliveryAttempt.WaitFor"/>) or
    /// <see cref="Delivery.DeliveryAttempt.Unavailable"/> when the channel could not be reached, and the
    /// notifier tries again later. Must not throw for a failing channel; throws only on cancellation.</summary>
    Task<ChannelDelivery> DeliverAsync(StatusUpdate update, CancellationToken cancellationToken);
}
