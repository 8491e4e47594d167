namespace NgoFunctions.Core.Storage;

/// <summary>A queue message that failed every try (PoisonMessages, PK = queue name, RK = SHA-256 of
/// the body in hex, so a second delivery of the same poison message writes nothing new).</summary>
public sealed class PoisonMessageEntity : EntityBase
{
    /// <summary>The message body as it was queued (ids only, no personal data).</summary>
    public string Body { get; set; } = string.Empty;

    /// <summary>The request it concerns, when the body could be read.</summary>
    public string? TrackingCode { get; set; }

    /// <summary>When it reached the poison queue handler (UTC).</summary>
    public DateTimeOffset ReceivedAt { get; set; }
}
