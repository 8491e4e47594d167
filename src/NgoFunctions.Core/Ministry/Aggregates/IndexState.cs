using Azure.Data.Tables;

namespace NgoFunctions.Core.Ministry.Aggregates;

/// <summary>What one request contributes to the aggregates: the fields of its index row that the
/// counters read (<see cref="AggregateCounters.Add"/>). Built from the row about to be written or from
/// the row as stored.</summary>
/// <param name="Sector">Sector code.</param>
/// <param name="Governorate">Governorate P-code.</param>
/// <param name="Status">Status name.</param>
/// <param name="NeedsAttention">Flagged for the ministry.</param>
/// <param name="SubmittedAt">Submitted (UTC).</param>
/// <param name="FirstRoutedAt">First routed (UTC), if ever.</param>
/// <param name="AcceptedAt">First accepted (UTC), if ever.</param>
/// <param name="ResolvedAt">Resolved (UTC), if ever.</param>
/// <param name="ExpiredAssignments">Assignments that expired unanswered.</param>
/// <param name="DuplicateSubmissions">Submissions given this request as a duplicate.</param>
/// <param name="Outcome">The outcome of its last resolution (<c>successful</c>, <c>not-successful</c>), if any.</param>
/// <param name="OutcomeReason">Why that resolution was not successful (a reason code), if it was not.</param>
/// <param name="Closure">How it was closed (<c>confirmed</c>, <c>unconfirmed</c>), if it was.</param>
/// <param name="Disputes">Times the citizen said the help did not arrive.</param>
public readonly record struct IndexState(
    string Sector,
    string Governorate,
    string Status,
    bool NeedsAttention,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? FirstRoutedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? ResolvedAt,
    int ExpiredAssignments,
    int DuplicateSubmissions = 0,
    string? Outcome = null,
    string? OutcomeReason = null,
    string? Closure = null,
    int Disputes = 0)
{
    /// <summary>The state of an index row about to be written.</summary>
    public static IndexState Of(RequestIndexEntity row) => new(
        row.Sector, row.Governorate, row.Status, row.NeedsAttention, row.SubmittedAt,
        row.FirstRoutedAt, row.AcceptedAt, row.ResolvedAt, row.ExpiredAssignments, row.DuplicateSubmissions,
        row.Outcome, row.OutcomeReason, row.Closure, row.Disputes);

    /// <summary>The state of an index row as read untyped from storage (missing properties read as unset).</summary>
    public static IndexState Of(TableEntity row) => new(
        row.GetString(nameof(RequestIndexEntity.Sector)) ?? string.Empty,
        row.GetString(nameof(RequestIndexEntity.Governorate)) ?? string.Empty,
        row.GetString(nameof(RequestIndexEntity.Status)) ?? string.Empty,
        row.GetBoolean(nameof(RequestIndexEntity.NeedsAttention)) ?? false,
        row.GetDateTimeOffset(nameof(RequestIndexEntity.SubmittedAt)) ?? default,
        row.GetDateTimeOffset(nameof(RequestIndexEntity.FirstRoutedAt)),
        row.GetDateTimeOffset(nameof(RequestIndexEntity.AcceptedAt)),
        row.GetDateTimeOffset(nameof(RequestIndexEntity.ResolvedAt)),
        row.GetInt32(nameof(RequestIndexEntity.ExpiredAssignments)) ?? 0,
        row.GetInt32(nameof(RequestIndexEntity.DuplicateSubmissions)) ?? 0,
        row.GetString(nameof(RequestIndexEntity.Outcome)),
        row.GetString(nameof(RequestIndexEntity.OutcomeReason)),
        row.GetString(nameof(RequestIndexEntity.Closure)),
        row.GetInt32(nameof(RequestIndexEntity.Disputes)) ?? 0);
}
