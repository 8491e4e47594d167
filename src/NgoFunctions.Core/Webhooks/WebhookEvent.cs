namespace NgoFunctions.Core.Webhooks;

/// <summary>One event of a request that an NGO's webhook is told of (<see cref="WebhookEvents"/>).</summary>
/// <param name="Id">Stable id, the same on every try: <c>{canonical tracking code}-{sequence}</c>. The NGO
/// drops an id it has seen (a delivery may come twice).</param>
/// <param name="Type">One of <see cref="WebhookEventTypes"/>.</param>
/// <param name="Sequence">The event's number in the request's trail (increases along a case).</param>
/// <param name="Status">The request's status after the event.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="Reason">For <see cref="WebhookEventTypes.Withdrawn"/>: <c>declined:{reason code}</c> or
/// <c>expired:accept-deadline</c>; otherwise <c>null</c>.</param>
public sealed record WebhookEvent(string Id, string Type, int Sequence, string Status, DateTimeOffset OccurredAt, string? Reason);

/// <summary>The event types an NGO's webhook receives.</summary>
public static class WebhookEventTypes
{
    /// <summary>The request was routed to the NGO (a new case, Routed).</summary>
    public const string Assigned = "case.assigned";

    /// <summary>The case left the NGO before it was accepted: declined, or not answered in time (SLA sweep).</summary>
    public const string Withdrawn = "case.withdrawn";

    /// <summary>The citizen cancelled the request while the NGO held it.</summary>
    public const string Cancelled = "case.cancelled";

    /// <summary>Any other status change while the NGO holds the case (Accepted, InProgress, Resolved,
    /// Closed, back to InProgress when the citizen disputes).</summary>
    public const string StatusChanged = "case.status-changed";
}
