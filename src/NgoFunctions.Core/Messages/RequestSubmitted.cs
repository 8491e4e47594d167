namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>requests-submitted</c>: a stored request waits to be routed. Ids only, no personal data.</summary>
/// <param name="RequestId">The request's internal id (for logs).</param>
/// <param name="TrackingCode">Canonical tracking code: the request's partition key.</param>
/// <param name="Replayed">Put back from the poison queue (<see cref="Poison.PoisonReplay"/>): once it is
/// handled, the request's <c>NeedsAttention</c> flag is cleared.</param>
public sealed record RequestSubmitted(Guid RequestId, string TrackingCode, bool Replayed = false);
