namespace NgoFunctions.Core.Notifications;

/// <summary>Why a notification was or was not sent (stored on the notification record).</summary>
public static class NotificationOutcome
{
    /// <summary>Delivered through the request's channel (<c>Detail</c> names it).</summary>
    public const string Sent = "Sent";

    /// <summary>Not sent; <c>Detail</c> says why.</summary>
    public const string Skipped = "Skipped";

    /// <summary>The request has no Telegram chat (form requests follow the status page). No longer
    /// written: such a request gets no notification and no record; records written before say this.</summary>
    public const string NoTelegramChat = "no-telegram-chat";

    /// <summary>No bot token is configured.</summary>
    public const string BotNotConfigured = "bot-not-configured";

    /// <summary>The Bot API answered 403: the citizen blocked the bot or left the chat.</summary>
    public const string ChatUnreachable = "chat-unreachable";

    /// <summary>Not sent: the notification of a later change of the same request went out first, and
    /// this one would have arrived out of order.</summary>
    public const string Superseded = "superseded";

    /// <summary>The channel used when sent.</summary>
    public const string Telegram = "telegram";
}
