using System.Globalization;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Ministry;

/// <summary>One request in the ministry's monitoring index (RequestIndex, PK = submission day
/// <c>yyyy-MM-dd</c> in UTC, RK = canonical tracking code; the day's aggregate rows sit after them, see
/// <see cref="Aggregates.AggregateCounters"/>). Holds only non-personal fields: never the
/// name, phone, description or feedback. Serves the ministry's request list (PK range for the date
/// filter, property filters for the rest, paged), the coverage matrix (Unroutable rows in a PK range)
/// and the stats (rows in a PK range). Written after every committed change of the request
/// (<see cref="RequestIndex.UpsertAsync"/>); <see cref="EventCount"/> orders the writes, so an older
/// state never overwrites a newer one.</summary>
public sealed class RequestIndexEntity : EntityBase
{
    /// <summary>Internal id of the request.</summary>
    public Guid RequestId { get; set; }

    /// <summary><see cref="Domain.RequestStatus"/> name.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>Sector code.</summary>
    public string Sector { get; set; } = string.Empty;

    /// <summary>Governorate P-code.</summary>
    public string Governorate { get; set; } = string.Empty;

    /// <summary>District P-code, or <c>null</c> (always for a sensitive request: the ministry sees it at
    /// governorate level only).</summary>
    public string? District { get; set; }

    /// <summary><see cref="Domain.Urgency"/> name.</summary>
    public string Urgency { get; set; } = string.Empty;

    /// <summary><see cref="Domain.RequestChannel"/> name.</summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary>The NGO of the current assignment, if any.</summary>
    public string? AssignedNgoId { get; set; }

    /// <summary>Whether the request is flagged for the ministry.</summary>
    public bool NeedsAttention { get; set; }

    /// <summary>When the request was stored (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When the request last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The request's event count when this row was written: the version of the row.</summary>
    public int EventCount { get; set; }

    /// <summary>When the request was first routed (UTC), if ever.</summary>
    public DateTimeOffset? FirstRoutedAt { get; set; }

    /// <summary>When an NGO first accepted it (UTC), if ever.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>When it was resolved (UTC), if ever.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The outcome of the request's last resolution (<c>successful</c>, <c>not-successful</c>), if any.</summary>
    public string? Outcome { get; set; }

    /// <summary>Why that resolution was not successful (a reason code), if it was not.</summary>
    public string? OutcomeReason { get; set; }

    /// <summary>How the request was closed: <c>confirmed</c>, <c>unconfirmed</c>, or <c>null</c>.</summary>
    public string? Closure { get; set; }

    /// <summary>How often the citizen said the help did not arrive.</summary>
    public int Disputes { get; set; }

    /// <summary>Assignments that expired unanswered (SLA breaches).</summary>
    public int ExpiredAssignments { get; set; }

    /// <summary>Submissions given this request as a duplicate (same phone and sector while it was open).</summary>
    public int DuplicateSubmissions { get; set; }

    /// <summary>Whether this request's <see cref="RoutingMarkerEntity"/> exists (true exactly while
    /// <see cref="Status"/> is <c>Submitted</c>, for rows written since markers exist): the next write that
    /// moves the row out of <c>Submitted</c> deletes the marker in the same transaction.</summary>
    public bool HasRoutingMarker { get; set; }

    /// <summary>Whether this request's <see cref="ErasureMarkerEntity"/> exists (true exactly while
    /// <see cref="Status"/> is final and the request's personal data is kept, for rows written since
    /// erasure markers exist): the write that records the erasure deletes the marker in the same
    /// transaction.</summary>
    public bool HasErasureMarker { get; set; }

    /// <summary>The contribution rule (<see cref="CurrentAggregatesVersion"/> or an older one) under which
    /// the row's contribution is in the aggregate counters; 0 for a row written before the aggregates
    /// existed (it is counted when next written, e.g. by the rebuild).</summary>
    public int AggregatesVersion { get; set; }

    /// <summary>Whether the request is sensitive (<see cref="Domain.SensitiveCases"/>): its row holds no
    /// district, and the ministry's views show it at governorate level only.</summary>
    public bool Sensitive { get; set; }

    /// <summary>The version of the contribution rule (<see cref="Aggregates.AggregateCounters.Add"/>)
    /// that rows written now follow. 2 counts the closure and the outcome; a row counted under 1 is
    /// recounted when next written (any change, or <c>POST /api/ops/request-index/rebuild</c>), its old
    /// contribution taken back under rule 1.</summary>
    public const int CurrentAggregatesVersion = 2;

    /// <summary>The PartitionKey for a request submitted at <paramref name="submittedAt"/>: its UTC day.</summary>
    public static string Day(DateTimeOffset submittedAt) => Day(DateOnly.FromDateTime(submittedAt.UtcDateTime));

    /// <summary>The PartitionKey of <paramref name="day"/>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The index row for <paramref name="request"/> as it is now.</summary>
    public static RequestIndexEntity From(ServiceRequestEntity request) => new()
    {
        PartitionKey = Day(request.SubmittedAt),
        RowKey = request.PartitionKey,
        RequestId = request.RequestId,
        Status = request.Status,
        Sector = request.Sector,
        Governorate = request.Governorate,
        District = Domain.SensitiveCases.IsSensitive(request) ? null : request.District,
        Urgency = request.Urgency,
        Channel = request.Channel,
        AssignedNgoId = request.AssignedNgoId,
        NeedsAttention = request.NeedsAttention,
        SubmittedAt = request.SubmittedAt,
        UpdatedAt = request.UpdatedAt,
        EventCount = request.EventCount,
        FirstRoutedAt = request.FirstRoutedAt,
        AcceptedAt = request.AcceptedAt,
        ResolvedAt = request.ResolvedAt,
        Outcome = request.Outcome,
        OutcomeReason = request.OutcomeReason,
        Closure = request.Closure,
        Disputes = request.Disputes,
        ExpiredAssignments = request.ExpiredAssignments,
        DuplicateSubmissions = request.DuplicateSubmissions,
        AggregatesVersion = CurrentAggregatesVersion,
        HasRoutingMarker = request.Status == nameof(Domain.RequestStatus.Submitted),
        HasErasureMarker = Privacy.RetentionRule.HoldsPersonalDataPastItsWork(request),
        Sensitive = Domain.SensitiveCases.IsSensitive(request),
    };

    /// <summary>The erasure marker that goes with this row while it is final and holds personal data.</summary>
    public ErasureMarkerEntity ErasureMarker() => new()
    {
        PartitionKey = PartitionKey,
        RowKey = Keys.ErasureMarkerRow(RowKey),
        TrackingCode = RowKey,
        RequestId = RequestId,
        FinalAt = UpdatedAt,
    };

    /// <summary>The routing marker that goes with this row while it is <c>Submitted</c>.</summary>
    public RoutingMarkerEntity RoutingMarker() => new()
    {
        PartitionKey = PartitionKey,
        RowKey = Keys.RoutingMarkerRow(SubmittedAt, RowKey),
        TrackingCode = RowKey,
        RequestId = RequestId,
        SubmittedAt = SubmittedAt,
    };
}
