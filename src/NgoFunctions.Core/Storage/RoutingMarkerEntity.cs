namespace NgoFunctions.Core.Storage;

/// <summary>"This request still awaits routing": one row per request whose index row says
/// <c>Submitted</c>, in the RequestIndex table beside that index row (PK = submission day, RK =
/// <see cref="Keys.RoutingMarkerRow"/>, ordered by submission time). Added and deleted only in the index
/// row's own entity-group transaction (<see cref="Ministry.RequestIndex"/>), so a marker exists exactly
/// while the index row is <c>Submitted</c> and costs no storage transaction of its own. Serves one query:
/// the stale-request sweep's range of markers older than its bound (<see cref="Routing.StaleRequestResubmitter"/>).
/// No personal data.</summary>
public sealed class RoutingMarkerEntity : EntityBase
{
    /// <summary>Canonical tracking code: the request's partition in ServiceRequests.</summary>
    public string TrackingCode { get; set; } = string.Empty;

    /// <summary>Internal id of the request (for the message and logs).</summary>
    public Guid RequestId { get; set; }

    /// <summary>When the request was stored (UTC); the RowKey's order.</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When the sweep last queued the request again (UTC), or <c>null</c>: it is queued again at
    /// most once per bound.</summary>
    public DateTimeOffset? ResubmittedAt { get; set; }

    /// <summary>How often the sweep queued the request again.</summary>
    public int Resubmissions { get; set; }
}
