namespace NgoFunctions.Core.Storage;

/// <summary>"This finished request still holds personal data": one row per request whose index row is in
/// a final status (Resolved, Closed, Cancelled) while its personal data is kept, in the
/// RequestIndex table beside that index row (PK = submission day, RK = <see cref="Keys.ErasureMarkerRow"/>).
/// Added and deleted only in the index row's own entity-group transaction
/// (<see cref="Ministry.RequestIndex"/>), so it exists exactly while the index row says so. Serves one
/// query: the retention sweep's markers whose <see cref="FinalAt"/> is past the retention period
/// (<see cref="Privacy.RetentionSweeper"/>). No personal data.</summary>
public sealed class ErasureMarkerEntity : EntityBase
{
    /// <summary>Canonical tracking code: the request's partition in ServiceRequests.</summary>
    public string TrackingCode { get; set; } = string.Empty;

    /// <summary>Internal id of the request (for logs).</summary>
    public Guid RequestId { get; set; }

    /// <summary>When the request reached its final status (UTC): the retention period runs from here.</summary>
    public DateTimeOffset FinalAt { get; set; }
}
