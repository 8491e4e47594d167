namespace NgoFunctions.Core.Messages;

/// <summary>Queue <c>notifications</c>: event <paramref name="EventSequence"/> of a request changed its
/// status and the citizen should hear about it. Ids only, no personal data.</summary>
/// <param name="RequestId">The request's internal id (for logs).</param>
/// <param name="TrackingCode">Canonical tracking code: the request's partition key.</param>
/// <param name="EventSequence">The event's number in the request's trail.</param>
public sealed record StatusChanged(Guid RequestId, string TrackingCode, int EventSequence);
