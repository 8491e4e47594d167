using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace NgoFunctions.Core.Storage;

/// <summary>The table clients, by purpose. Names come from <see cref="StorageOptions"/>.</summary>
/// <param name="service">The account's table service.</param>
/// <param name="options">Table names.</param>
public sealed class StorageTables(TableServiceClient service, IOptions<StorageOptions> options)
{
    /// <summary>Service requests with their events, assignments and notifications.</summary>
    public TableClient Requests { get; } = service.GetTableClient(options.Value.RequestsTable);

    /// <summary>The NGO registry.</summary>
    public TableClient Ngos { get; } = service.GetTableClient(options.Value.NgosTable);

    /// <summary>Each NGO's load counter and cases.</summary>
    public TableClient NgoCases { get; } = service.GetTableClient(options.Value.NgoCasesTable);

    /// <summary>Per-NGO API keys (hashed).</summary>
    public TableClient NgoApiKeys { get; } = service.GetTableClient(options.Value.NgoApiKeysTable);

    /// <summary>Open311 partners' API keys (hashed).</summary>
    public TableClient PartnerApiKeys { get; } = service.GetTableClient(options.Value.PartnerApiKeysTable);

    /// <summary>Telegram conversation state.</summary>
    public TableClient Conversations { get; } = service.GetTableClient(options.Value.ConversationsTable);

    /// <summary>The ministry's monitoring index of requests (no personal data).</summary>
    public TableClient RequestIndex { get; } = service.GetTableClient(options.Value.RequestIndexTable);

    /// <summary>Intake's phone lookups and client address windows (keyed hashes, never the values).</summary>
    public TableClient IntakeGuards { get; } = service.GetTableClient(options.Value.IntakeGuardsTable);

    /// <summary>Requests waiting for a place or for an NGO that covers them, in the order they are served.</summary>
    public TableClient Waitlist { get; } = service.GetTableClient(options.Value.WaitlistTable);

    /// <summary>Poison messages kept for the ministry.</summary>
    public TableClient PoisonMessages { get; } = service.GetTableClient(options.Value.PoisonMessagesTable);

    /// <summary>Each NGO's webhook and its delivery records.</summary>
    public TableClient NgoWebhooks { get; } = service.GetTableClient(options.Value.NgoWebhooksTable);
}
