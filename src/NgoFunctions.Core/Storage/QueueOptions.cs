using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Storage;

/// <summary>Queue names (configuration section <c>Queues</c>). Queue triggers read the same settings
/// through binding expressions, e.g. <c>%Queues:RequestsSubmitted%</c>.</summary>
public sealed class QueueOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Queues";

    /// <summary>Suffix the queue runtime gives to the queue that holds messages which failed every try.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>Service requests waiting to be routed (<see cref="Messages.RequestSubmitted"/>).</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$")]
    public string RequestsSubmitted { get; set; } = "requests-submitted";

    /// <summary>Status changes to tell the citizen about (<see cref="Messages.StatusChanged"/>).</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$")]
    public string Notifications { get; set; } = "notifications";

    /// <summary>Telegram updates accepted by the webhook, waiting to be handled.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$")]
    public string TelegramUpdates { get; set; } = "telegram-updates";

    /// <summary>Events of their cases to tell NGOs' webhooks of (<see cref="Messages.WebhookDue"/>).</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$")]
    public string Webhooks { get; set; } = "webhooks";

    /// <summary>Every queue with its poison twin.</summary>
    public IEnumerable<string> All => Primary.SelectMany(q => new[] { q, q + PoisonSuffix });

    /// <summary>The queues handlers read, without their poison twins.</summary>
    public IEnumerable<string> Primary => [RequestsSubmitted, Notifications, TelegramUpdates, Webhooks];
}
