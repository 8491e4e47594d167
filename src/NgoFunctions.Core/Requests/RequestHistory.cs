using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Requests;

/// <summary>Everything stored about one request: its entity, audit trail (by sequence), assignments
/// (by attempt) and notification records. Read with one partition query.</summary>
/// <param name="Request">The request.</param>
/// <param name="Events">Its events, oldest first.</param>
/// <param name="Assignments">Its assignments, first attempt first.</param>
/// <param name="Notifications">What became of each notification.</param>
/// <param name="Feedback">The citizen's rating and comment, or <c>null</c>.</param>
public sealed record RequestHistory(
    ServiceRequestEntity Request,
    IReadOnlyList<RequestEventEntity> Events,
    IReadOnlyList<AssignmentEntity> Assignments,
    IReadOnlyList<NotificationEntity> Notifications,
    FeedbackEntity? Feedback = null);
