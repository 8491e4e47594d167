namespace NgoFunctions.Core.Webhooks;

/// <summary>The answer to a registration: the only time the signing secret is shown.</summary>
/// <param name="Url">The endpoint events are POSTed to.</param>
/// <param name="Secret">The signing secret (<c>whsec_</c> + 43 base64url characters): the HMAC-SHA256 key
/// of <c>X-Signature</c>, as its UTF-8 bytes. Never shown again; registering again issues a new one.</param>
/// <param name="CreatedAt">When it was registered (UTC).</param>
public sealed record WebhookRegistered(string Url, string Secret, DateTimeOffset CreatedAt);

/// <summary>An NGO's webhook as <c>GET /api/ngo/webhook</c> shows it: no secret.</summary>
/// <param name="Url">The endpoint events are POSTed to.</param>
/// <param name="CreatedAt">When it was registered (UTC); events from then on are sent.</param>
public sealed record WebhookView(string Url, DateTimeOffset CreatedAt);

/// <summary>One event that was parked after failing for <see cref="WebhookOptions.ParkAfterHours"/>.</summary>
/// <param name="EventId">The id the event would have carried (<c>X-Webhook-Id</c>, body <c>id</c>).</param>
/// <param name="Type">The event type (<c>case.assigned</c> ...).</param>
/// <param name="TrackingCode">Display form, <c>XXXXX-XXXXX</c>.</param>
/// <param name="OccurredAt">When the event happened (UTC).</param>
/// <param name="FailingSince">When trying it first failed (UTC).</param>
/// <param name="ParkedAt">When it was parked (UTC).</param>
/// <param name="LastError"><c>http-{status}</c>, <c>timeout</c>, <c>unreachable</c> or <c>refused-address</c>.</param>
public sealed record ParkedDelivery(string EventId, string Type, string TrackingCode, DateTimeOffset OccurredAt, DateTimeOffset? FailingSince, DateTimeOffset ParkedAt, string? LastError);
