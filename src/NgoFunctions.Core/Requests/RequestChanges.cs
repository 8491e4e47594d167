using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Requests;

/// <summary>Changes to a request that always come with their event: each call mutates the request
/// entity in memory (status, time, event counter) and returns the event to write in the same
/// transaction, so the trail can never miss or duplicate a change.</summary>
public static class RequestChanges
{
    /// <summary>Moves <paramref name="request"/> to <paramref name="to"/>. The event's type is the status's
    /// name unless <paramref name="type"/> names the change better (the citizen's answer to a resolution:
    /// <c>ClosureConfirmed</c>, <c>ClosureDisputed</c>; the silence that closes it: <c>ClosedUnconfirmed</c>).
    /// Throws <see cref="IllegalStatusTransitionException"/> when the lifecycle forbids it.</summary>
    public static RequestEventEntity ChangeStatus(
        ServiceRequestEntity request, RequestStatus to, string actor, DateTimeOffset at, string? ngoId = null, string? detail = null, string? type = null)
    {
        var from = Enum.Parse<RequestStatus>(request.Status);
        RequestStatusTransitions.EnsureAllowed(from, to);
        request.Status = to.ToString();
        request.UpdatedAt = at;
        switch (to)
        {
            case RequestStatus.Routed:
                request.FirstRoutedAt ??= at;
                break;
            case RequestStatus.Accepted:
                request.AcceptedAt ??= at;
                break;
            case RequestStatus.Resolved:
                request.ResolvedAt ??= at;
                break;
        }

        return Append(request, type ?? to.ToString(), from.ToString(), actor, at, ngoId, detail);
    }

    /// <summary>The first event of a new request (status Submitted).</summary>
    public static RequestEventEntity Submitted(ServiceRequestEntity request, string actor) =>
        Append(request, nameof(RequestStatus.Submitted), fromStatus: null, actor, request.SubmittedAt, ngoId: null, detail: request.Channel);

    /// <summary>An event that does not change the status, e.g. <c>NeedsAttention</c>. An
    /// <see cref="AssignmentState.Expired"/> note also counts the SLA breach on the request.</summary>
    public static RequestEventEntity Note(ServiceRequestEntity request, string type, string actor, DateTimeOffset at, string? detail)
    {
        if (type == nameof(AssignmentState.Expired))
        {
            request.ExpiredAssignments++;
        }

        return Append(request, type, fromStatus: null, actor, at, ngoId: null, detail);
    }

    /// <summary>Erases the citizen's personal data held on <paramref name="request"/> (name, phone,
    /// description, Telegram chat) and returns the <c>Erased</c> event, whose detail is the reason
    /// (<c>retention</c> or <c>citizen</c>) and never any of the data. <paramref name="toldNgoId"/> is the
    /// NGO that saw the contact details and is told they were withdrawn, or <c>null</c>.</summary>
    public static RequestEventEntity ErasePersonalData(
        ServiceRequestEntity request, Privacy.ErasureReason reason, string actor, DateTimeOffset at, string? toldNgoId)
    {
        request.Name = null;
        request.Phone = null;
        request.Description = string.Empty;
        request.ChannelAddress = null;
        request.PersonalDataErasedAt = at;
        return Append(request, ErasedEvent, fromStatus: null, actor, at, toldNgoId, System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(reason.ToString()));
    }

    /// <summary>The type of the event that records an erasure of personal data.</summary>
    public const string ErasedEvent = "Erased";

    /// <summary>Records on <paramref name="request"/> (open) that the same person asked again for the same
    /// need and was given this request instead of a second one: counts it
    /// (<see cref="ServiceRequestEntity.DuplicateSubmissions"/>, summed in the ministry's stats) and returns
    /// the <c>DuplicateSubmitted</c> event, whose detail says where the repeat came from (its channel, and a
    /// bot draft's code, which names no request) and nothing of what it said.</summary>
    public static RequestEventEntity DuplicateSubmitted(ServiceRequestEntity request, DateTimeOffset at, string detail)
    {
        request.DuplicateSubmissions++;
        return Append(request, DuplicateSubmittedEvent, fromStatus: null, actor: "citizen", at, ngoId: null, detail);
    }

    /// <summary>The type of the event that records a submission folded into an open request.</summary>
    public const string DuplicateSubmittedEvent = "DuplicateSubmitted";

    private static RequestEventEntity Append(
        ServiceRequestEntity request, string type, string? fromStatus, string actor, DateTimeOffset at, string? ngoId, string? detail)
    {
        request.EventCount++;
        return new RequestEventEntity
        {
            PartitionKey = request.PartitionKey,
            RowKey = Keys.EventRow(request.EventCount),
            Sequence = request.EventCount,
            Type = type,
            FromStatus = fromStatus,
            Status = request.Status,
            OccurredAt = at,
            Actor = actor,
            NgoId = ngoId,
            Detail = detail,
        };
    }
}
