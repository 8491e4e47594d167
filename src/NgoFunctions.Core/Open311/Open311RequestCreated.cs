namespace NgoFunctions.Core.Open311;

/// <summary>The answer to a GeoReport v2 <c>POST requests</c>, one entry of the spec's list
/// (<c>[{"service_request_id": ..., "service_notice": ..., "account_id": null}]</c>).</summary>
/// <param name="ServiceRequestId">The tracking code (<c>ABCDE-23456</c>): the request's id on every Open311
/// endpoint and on the citizen's status page.</param>
/// <param name="ServiceNotice">What happens next, in the caller's language.</param>
/// <param name="AccountId">Always <c>null</c>: citizens have no accounts here.</param>
public sealed record Open311RequestCreated(string ServiceRequestId, string ServiceNotice, string? AccountId);
