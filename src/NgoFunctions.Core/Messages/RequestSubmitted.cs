namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>requests-submitted</c>: a stored request waits to be routed. Ids only, no personal data.</summary>
/// <param name="RequestId">The request's internal id (for logs).</param>
/// <param name="TrackingCode">Canonical tracking code: the request's partition key.</param>
/// <param name="Replayed">Put back from the poison queue (<see cref="Poison.PoisonReplay"/>): once it is
/// handled, the request's <c>NeedsAttention</c> flag is cleared.</param>
/// <param name="Resubmitted"><c>true</c> when the stale-request sweep queued it again (an earlier routing
/// may have reserved a place and died before committing: the router looks for that place first).
/// Absent (false) in messages written before it existed.</param>
/// <param name="QueuedAt">When intake queued it (UTC), just before storing the request: while it is young,
/// a router that does not find the request yet looks again shortly. Absent in other messages.</param>
/// <param name="RegistryChangedAt">When the NGO registry changed (UTC), for a waiting request queued again
/// because an NGO was added or widened (<see cref="Routing.WaitlistFiller"/>): the router decides with a
/// registry copy read after then, not an older one kept in memory. Absent in other messages.</param>
public sealed record RequestSubmitted(
    Guid RequestId, string TrackingCode, bool Replayed = false, bool Resubmitted = false, DateTimeOffset? QueuedAt = null, DateTimeOffset? RegistryChangedAt = null);
