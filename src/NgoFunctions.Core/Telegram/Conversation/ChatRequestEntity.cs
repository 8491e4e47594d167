using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Telegram.Conversation;

/// <summary>A request created from a chat (Conversations, PK = chat id, RK <c>request-{tracking code}</c>).
/// Serves <c>/status</c> and the per-chat limits with one partition query.</summary>
public sealed class ChatRequestEntity : EntityBase
{
    /// <summary>Canonical tracking code.</summary>
    public string TrackingCode { get; set; } = string.Empty;

    /// <summary>When it was created (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }
}
