using System.ComponentModel.DataAnnotations;

namespace NgoFunctions.Core.Storage;

/// <summary>Table names (configuration section <c>Storage</c>; in Azure app settings <c>Storage__RequestsTable</c> ...).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Storage";

    /// <summary>One partition per service request: the request, its events, assignments and notifications.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string RequestsTable { get; set; } = "ServiceRequests";

    /// <summary>The NGO registry.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string NgosTable { get; set; } = "Ngos";

    /// <summary>One partition per NGO: its open-case counter and one row per case routed to it.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string NgoCasesTable { get; set; } = "NgoCases";

    /// <summary>Messages that failed <c>maxDequeueCount</c> times, kept so nothing is lost.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string PoisonMessagesTable { get; set; } = "PoisonMessages";

    /// <summary>Per-NGO API keys, stored hashed.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string NgoApiKeysTable { get; set; } = "NgoApiKeys";

    /// <summary>Open311 partners' API keys (civic-report apps that post requests), stored hashed, one
    /// partition per partner (see <c>Partners/PartnerApiKeys</c>).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string PartnerApiKeysTable { get; set; } = "PartnerApiKeys";

    /// <summary>The Telegram bot's conversation state, one partition per chat.</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string ConversationsTable { get; set; } = "Conversations";

    /// <summary>The ministry's monitoring index: one row per request, without personal data, by
    /// submission day (see <c>Ministry/RequestIndexEntity</c>).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string RequestIndexTable { get; set; } = "RequestIndex";

    /// <summary>What intake keeps to enforce its limits across instances: each phone number's open
    /// requests by sector and each client address's recent submissions, under keyed hashes
    /// (see <c>Intake/PhoneLookup</c>, <c>Intake/AddressWindow</c>).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string IntakeGuardsTable { get; set; } = "IntakeGuards";

    /// <summary>The requests waiting for a place (Waitlisted) or for an NGO that covers them (Unroutable),
    /// by sector and governorate in the order they are to be served (see <c>Storage/WaitlistEntity</c>).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string WaitlistTable { get; set; } = "Waitlist";

    /// <summary>Each NGO's webhook and what became of the events sent to it (see <c>Storage/WebhookRegistrationEntity</c>,
    /// <c>Storage/WebhookDeliveryEntity</c>).</summary>
    [Required, RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string NgoWebhooksTable { get; set; } = "NgoWebhooks";

    /// <summary>When <c>true</c>, tables and queues (with their <c>-poison</c> twins) are created at start-up.
    /// Local runs only: in Azure the deployment creates them, and the hot path never does.</summary>
    public bool CreateIfMissing { get; set; }

    /// <summary>The tables, in creation order.</summary>
    public IEnumerable<string> Tables => [RequestsTable, NgosTable, NgoCasesTable, PoisonMessagesTable, NgoApiKeysTable, ConversationsTable, RequestIndexTable, IntakeGuardsTable, WaitlistTable, PartnerApiKeysTable, NgoWebhooksTable];
}
