using NgoFunctions.Core.Delivery;

namespace NgoFunctions.Core.Notifications;

/// <summary>What became of a status update handed to an <see cref="INotificationChannel"/>.</summary>
/// <param name="Attempt">Done, or when to try again (nothing is recorded then).</param>
/// <param name="Outcome"><see cref="NotificationOutcome.Sent"/> or <see cref="NotificationOutcome.Skipped"/>
/// when done; empty otherwise.</param>
/// <param name="Detail">The channel it went through when sent, why it was skipped otherwise; empty when not done.</param>
public sealed record ChannelDelivery(DeliveryAttempt Attempt, string Outcome, string Detail)
{
    /// <summary>Delivered through <paramref name="channel"/> (its detail name, e.g. <see cref="NotificationOutcome.Telegram"/>).</summary>
    public static ChannelDelivery Sent(string channel) => new(DeliveryAttempt.Done, NotificationOutcome.Sent, channel);

    /// <summary>Not delivered and not to be tried again, for <paramref name="reason"/> (e.g. <see cref="NotificationOutcome.ChatUnreachable"/>).</summary>
    public static ChannelDelivery Skipped(string reason) => new(DeliveryAttempt.Done, NotificationOutcome.Skipped, reason);

    /// <summary>Not delivered yet: try again as <paramref name="attempt"/> says; nothing is recorded.</summary>
    public static ChannelDelivery Later(DeliveryAttempt attempt) => new(attempt, string.Empty, string.Empty);
}
