namespace NgoFunctions.Tests.Infrastructure;

/// <summary>Table and queue names of their own for one test, so tests never see each other's data.</summary>
public sealed class TestNames
{
    /// <summary>A fresh set of names.</summary>
    public TestNames()
    {
        var suffix = Guid.NewGuid().ToString("N")[..10];
        RequestsTable = "Req" + suffix;
        NgosTable = "Ngo" + suffix;
        NgoCasesTable = "Case" + suffix;
        PoisonMessagesTable = "Poison" + suffix;
        RequestsSubmittedQueue = "submitted-" + suffix;
        NotificationsQueue = "notify-" + suffix;
        TelegramUpdatesQueue = "telegram-" + suffix;
        NgoApiKeysTable = "Keys" + suffix;
        ConversationsTable = "Chat" + suffix;
        RequestIndexTable = "Idx" + suffix;
        IntakeGuardsTable = "Guard" + suffix;
        WaitlistTable = "Wait" + suffix;
        PartnerApiKeysTable = "Partner" + suffix;
        NgoWebhooksTable = "Hook" + suffix;
        WebhooksQueue = "webhooks-" + suffix;
    }

    /// <summary>Requests table.</summary>
    public string RequestsTable { get; }

    /// <summary>NGO registry table.</summary>
    public string NgosTable { get; }

    /// <summary>NGO cases table.</summary>
    public string NgoCasesTable { get; }

    /// <summary>Poison messages table.</summary>
    public string PoisonMessagesTable { get; }

    /// <summary>The requests-submitted queue.</summary>
    public string RequestsSubmittedQueue { get; }

    /// <summary>The notifications queue.</summary>
    public string NotificationsQueue { get; }

    /// <summary>The telegram-updates queue.</summary>
    public string TelegramUpdatesQueue { get; }

    /// <summary>NGO API keys table.</summary>
    public string NgoApiKeysTable { get; }

    /// <summary>Conversations table.</summary>
    public string ConversationsTable { get; }

    /// <summary>The ministry's request index table.</summary>
    public string RequestIndexTable { get; }

    /// <summary>Intake's phone lookups and client address windows.</summary>
    public string IntakeGuardsTable { get; }

    /// <summary>Requests waiting for a place or an NGO.</summary>
    public string WaitlistTable { get; }

    /// <summary>Open311 partners' API keys table.</summary>
    public string PartnerApiKeysTable { get; }
    /// <summary>NGO webhooks and their delivery records.</summary>
    public string NgoWebhooksTable { get; }

    /// <summary>The webhooks queue.</summary>
    public string WebhooksQueue { get; }

    /// <summary>The settings that point the application at these names.</summary>
    public Dictionary<string, string?> Settings(string connectionString) => new()
    {
        ["AzureWebJobsStorage"] = connectionString,
        ["Storage:RequestsTable"] = RequestsTable,
        ["Storage:NgosTable"] = NgosTable,
        ["Storage:NgoCasesTable"] = NgoCasesTable,
        ["Storage:PoisonMessagesTable"] = PoisonMessagesTable,
        ["Storage:CreateIfMissing"] = "true",
        ["Queues:RequestsSubmitted"] = RequestsSubmittedQueue,
        ["Queues:Notifications"] = NotificationsQueue,
        ["Queues:TelegramUpdates"] = TelegramUpdatesQueue,
        ["Storage:NgoApiKeysTable"] = NgoApiKeysTable,
        ["Storage:ConversationsTable"] = ConversationsTable,
        ["Storage:RequestIndexTable"] = RequestIndexTable,
        ["Storage:IntakeGuardsTable"] = IntakeGuardsTable,
        ["Storage:WaitlistTable"] = WaitlistTable,
        ["Storage:PartnerApiKeysTable"] = PartnerApiKeysTable,
        ["Storage:NgoWebhooksTable"] = NgoWebhooksTable,
        ["Queues:Webhooks"] = WebhooksQueue,
    };
}
