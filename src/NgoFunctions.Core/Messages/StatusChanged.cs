namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>notifications</c>: event <paramref name="EventSequence"/> of a request changed its
/// status and the citizen (and the NGO's group) should hear about it. Ids only, no personal data.</summary>
/// <param name="RequestId">The request's internal id (for logs).</param>
/// <param name="TrackingCode">Canonical tracking code: the request's partition key.</param>
/// <param name="EventSequence">The event's number in the request's trail.</param>
/// <param name="FailingSince">When delivering it first failed because the Bot API was unreachable (UTC),
/// for the growing delay between tries; <c>null</c> on the first try.</param>
/// <param name="Replayed">Put back from the poison queue (<see cref="Poison.PoisonReplay"/>): once it is
/// delivered, the request's <c>NeedsAttention</c> flag is cleared.</param>
public sealed record StatusChanged(Guid RequestId, string TrackingCode, int EventSequence, DateTimeOffset? FailingSince = null, bool Replayed = false);
