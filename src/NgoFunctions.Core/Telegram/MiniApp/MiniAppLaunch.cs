namespace NgoFunctions.Core.Telegram.MiniApp;

/// <summary>A Mini App opening that Telegram signed: who opened it, from which private chat, when.</summary>
/// <param name="ChatId">The private chat with the bot, which is the user's id (a Mini App opened from
/// the bot's own button in a private chat).</param>
/// <param name="LanguageCode">The user's Telegram language (<c>user.language_code</c>, IETF tag), if given.</param>
/// <param name="AuthDate">When Telegram signed the data (<c>auth_date</c>, UTC).</param>
/// <param name="Hash">The signature, hex: unique to this opening, and what the request's idempotency key
/// is drawn from (<see cref="MiniAppIntake"/>).</param>
public sealed record MiniAppLaunch(long ChatId, string? LanguageCode, DateTimeOffset AuthDate, string Hash);

/// <summary>Why <c>initData</c> was refused (each answered 401, nothing stored).</summary>
public enum MiniAppRefusal
{
    /// <summary>None was sent.</summary>
    Missing,

    /// <summary>The signature does not match this bot's token, or the data is not Telegram's form.</summary>
    Forged,

    /// <summary>Signed longer ago than <see cref="TelegramOptions.MiniAppMaxAgeSeconds"/> (or in the future).</summary>
    Stale,

    /// <summary>Opened elsewhere than in a private chat with the bot, or without a user.</summary>
    NotPrivate,

    /// <summary>No bot token is configured: nothing can be checked.</summary>
    BotOff,
}
