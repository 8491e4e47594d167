namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>webhooks</c>: NGO <paramref name="NgoId"/>'s webhook is to be told of the events of
/// request <paramref name="TrackingCode"/> up to <paramref name="UpToSequence"/> that concern it and were
/// not sent yet, in order (<see cref="Webhooks.WebhookDelivery"/>). Ids only, no personal data.</summary>
/// <param name="NgoId">The NGO whose webhook is told.</param>
/// <param name="TrackingCode">Canonical tracking code: the request's partition key.</param>
/// <param name="UpToSequence">The last event to send (its number in the request's trail). Queued side by
/// side with the change that adds it, so it may come before that change is stored.</param>
/// <param name="FailingSince">When sending first failed (UTC), for the growing delay and for parking; <c>null</c> on the first try.</param>
/// <param name="WaitingSince">When it first found its event not stored yet (UTC); <c>null</c> until then.</param>
/// <param name="Replayed">Put back from the poison queue (<see cref="Poison.PoisonReplay"/>): once it is
/// handled, the request's <c>NeedsAttention</c> flag is cleared.</param>
public sealed record WebhookDue(string NgoId, string TrackingCode, int UpToSequence, DateTimeOffset? FailingSince = null, DateTimeOffset? WaitingSince = null, bool Replayed = false);
