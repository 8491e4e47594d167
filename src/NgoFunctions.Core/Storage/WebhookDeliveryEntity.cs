namespace NgoFunctions.Core.Storage;

/// <summary>What became of one event sent to an NGO's webhook (NgoWebhooks, PK = NGO id, RK
/// <see cref="Keys.WebhookDeliveryRow"/> = <c>delivery|{tracking code}|{event sequence, 4 digits}</c>).
/// One range query gives a case's records for the NGO (which events went out, so the next goes in
/// order); a partition query filtered on <see cref="Outcome"/> lists the NGO's parked ones. A record
/// exists once an event is done with: an event without one is still to be sent. No personal data.</summary>
public sealed class WebhookDeliveryEntity : EntityBase
{
    /// <summary><c>Delivered</c> (a 2xx answer) or <c>Parked</c> (failed for <see cref="Webhooks.WebhookOptions.ParkAfterHours"/>).</summary>
    public string Outcome { get; set; } = string.Empty;

    /// <summary>The request's canonical tracking code.</summary>
    public string TrackingCode { get; set; } = string.Empty;

    /// <summary>The event's number in the request's trail.</summary>
    public int EventSequence { get; set; }

    /// <summary>The webhook event type (<c>case.assigned</c> ...).</summary>
    public string EventType { get; set; } = string.Empty;

    /// <summary>The webhook event id the NGO received (or would have).</summary>
    public string EventId { get; set; } = string.Empty;

    /// <summary>When the event happened (UTC).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>When it was delivered or parked (UTC).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>When trying it first failed (UTC); <c>null</c> when the first try went through.</summary>
    public DateTimeOffset? FailingSince { get; set; }

    /// <summary>The last failure, machine-readable: <c>http-{status}</c>, <c>timeout</c>, <c>unreachable</c>
    /// or <c>refused-address</c>, for a parked event; <c>null</c> when delivered.</summary>
    public string? LastError { get; set; }
}
