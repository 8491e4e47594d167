namespace NgoFunctions.Core.Storage;

/// <summary>What became of the citizen notification for one event (ServiceRequests, PK = tracking
/// code, RK <c>notification-NNNN</c> with the event's number). Its existence makes the notification
/// handler idempotent.</summary>
public sealed class NotificationEntity : EntityBase
{
    /// <summary>The event the notification is about.</summary>
    public int EventSequence { get; set; }

    /// <summary><c>Sent</c> or <c>Skipped</c>.</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>Why it was skipped (<c>bot-not-configured</c>, <c>chat-unreachable</c>; <c>no-telegram-chat</c> on records written before web-form requests stopped being notified), or the channel used.</summary>
    public string Detail { get; set; } = string.Empty;

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
