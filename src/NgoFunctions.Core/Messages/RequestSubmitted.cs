namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>requests-submitted</c>: a stored request waits to be routed. Ids only, no personal data.</summary>
/// <param name="RequestId">The request's internal id (for logs).</param>
/// <param name="TrackingCode">Canonical tracking code: the request's partition key.</param>
public sealed record RequestSubmitted(Guid RequestId, string TrackingCode);
