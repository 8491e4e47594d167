using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Telegram;

/// <summary>Telegram settings (section <c>Telegram</c>; environment <c>Telegram__BotToken</c> ...).
/// Secrets come from configuration only (Key Vault references in Azure).</summary>
public sealed class TelegramOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telegram";

    /// <summary>The bot token from BotFather; empty means the bot is off and notifications are
    /// recorded as skipped.</summary>
    public string? BotToken { get; set; }

    /// <summary>Bot API server, e.g. <c>https://api.telegram.org</c>, or a local fake in tests and
    /// offline runs.</summary>
    [Required, Url]
    public string ApiBaseUrl { get; set; } = "https://api.telegram.org";

    /// <summary>The <c>secret_token</c> given to <c>setWebhook</c>; Telegram sends it back in
    /// <c>X-Telegram-Bot-Api-Secret-Token</c> on every update.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How long, in milliseconds, the webhook may spend answering a private chat's update while
    /// Telegram's call is open; past it (storage slow, the Bot API slow or failing beyond its quick
    /// retries) the update also goes to the queue, which finishes the job. The queue's poll adds up to a
    /// second to every reply, which reads as lag on every tap. <c>0</c>: every update goes to the queue.</summary>
    [Range(0, 10_000)]
    public int InlineBudgetMilliseconds { get; set; } = 800;

    /// <summary>Most requests a chat may have open (not resolved, closed or cancelled) at once.</summary>
    [Range(1, 100)]
    public int MaxOpenRequestsPerChat { get; set; } = 3;

    /// <summary>Most new requests a chat may make in one UTC day.</summary>
    [Range(1, 100)]
    public int MaxNewRequestsPerDay { get; set; } = 5;

    /// <summary>How long, in seconds, a process trusts its copy of whether an NGO has a linked Telegram
    /// group (<see cref="Groups.NgoGroupLinks.IsLinkedAsync"/>), so routing a web request does not read
    /// the link each time. A link made in the same process is seen at once; one made in another
    /// instance within this time. <c>0</c> reads every time.</summary>
    [Range(0, 3600)]
    public int GroupLinkCacheSeconds { get; set; } = 30;

    /// <summary>How long, in seconds, a process keeps the Bot API's answer to whether a member of an NGO's
    /// group is one of its administrators (<see cref="Groups.NgoGroupAdmins"/>), the only members whose
    /// case buttons act. A member made or unmade administrator is seen within this time. <c>0</c> asks
    /// on every press.</summary>
    [Range(0, 600)]
    public int GroupAdminCacheSeconds { get; set; } = 60;

    /// <summary>How many times a Bot API call that failed for a passing reason (no connection, a
    /// time-out, a 5xx) is tried again at once, in-process, with exponential back-off and jitter; <c>0</c>
    /// turns these retries off. Longer outages are waited out on the queue (section <c>Delivery</c>).</summary>
    [Range(0, 10)]
    public int TransientRetries { get; set; } = 3;

    /// <summary>The first of those retries' delays, in milliseconds (then doubling, with jitter).</summary>
    [Range(10, 10_000)]
    public int RetryDelayMilliseconds { get; set; } = 200;

    /// <summary>How long one Bot API call may take, in seconds, before it counts as failed.</summary>
    [Range(1, 120)]
    public int AttemptTimeoutSeconds { get; set; } = 5;

    /// <summary>The Mini App form's public address, <c>https://{host}/api/miniapp</c>: when set, the bot's
    /// first question (the sector) carries a <c>web_app</c> button opening it, with <c>?lang=</c> the
    /// chat's language. Telegram opens only HTTPS addresses, so only those are accepted; empty (the
    /// default, and locally) leaves the button out. The page and its endpoint work either way.</summary>
    // A pattern, not [Url]: empty must pass.
    [RegularExpression(@"^https://[^\s?#]+$", ErrorMessage = "Telegram:MiniAppUrl is an https:// address without a query, e.g. https://example.org/api/miniapp.")]
    public string? MiniAppUrl { get; set; }

    /// <summary>How old, in seconds, the Mini App's <c>initData</c> may be (its <c>auth_date</c>, set by
    /// Telegram when the page opens) when a request is posted with it; older is refused (401), so a
    /// copied <c>initData</c> cannot be replayed for long. An hour leaves time to fill the form on a
    /// slow connection.</summary>
    [Range(60, 86_400)]
    public int MiniAppMaxAgeSeconds { get; set; } = 3600;

    /// <summary>Whether a bot token is set. An unresolved Key Vault reference (Azure passes the
    /// <c>@Microsoft.KeyVault(...)</c> text itself until the secret exists) counts as not set.</summary>
    public bool IsConfigured => Security.ConfiguredSecret.Of(BotToken) is not null;
}
