using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>Ends a pending assignment, declined by its NGO or expired, and hands the request on: to
/// the router again (which skips every NGO that declined it or let it expire), or, once
/// <see cref="SlaOptions.MaxAssignments"/> NGOs had it, to Unroutable, where the ministry takes it
/// over (it waits in the <see cref="Waitlist"/> for an NGO that never had it). The NGO's place is freed
/// and counted as not accepted, and given to the next request in line (<see cref="WaitlistFiller"/>).</summary>
public sealed partial class AssignmentRerouter(
    ServiceRequestStore requests,
    NgoCaseStore cases,
    Waitlist waitlist,
    WaitlistFiller filler,
    RequestFollowUps followUps,
    IOptions<SlaOptions> sla,
    ILogger<AssignmentRerouter> logger)
{
    /// <summary>Event detail of the Unroutable change after the last allowed assignment ended.</summary>
    public const string AttemptsExhausted = "attempts-exhausted";

    /// <summary>Event detail of an assignment that expired.</summary>
    public const string AcceptDeadline = "accept-deadline";

    /// <summary>Marks <paramref name="assignment"/> (pending, the request's current one) as
    /// <paramref name="outcome"/> with its event, in one transaction with the request, then hands the
    /// request on and frees the place. Returns the events written. Throws
    /// <see cref="Azure.Data.Tables.TableTransactionFailedException"/> (412) when the request changed
    /// since it was read; nothing is written then.</summary>
    /// <param name="request">The request as read (its ETag guards the write).</param>
    /// <param name="assignment">Its current, pending assignment.</param>
    /// <param name="outcome"><see cref="AssignmentState.Declined"/> or <see cref="AssignmentState.Expired"/>.</param>
    /// <param name="actor">Who ended it: <c>ngo:{id}</c> or <c>system</c>.</param>
    /// <param name="reason">The decline reason code; <c>null</c> for an expiry.</param>
    /// <param name="note">The NGO's free text, kept on the assignment only.</param>
    /// <param name="at">When (UTC).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<IReadOnlyList<RequestEventEntity>> EndAsync(
        ServiceRequestEntity request,
        AssignmentEntity assignment,
        AssignmentState outcome,
        string actor,
        string? reason,
        string? note,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        assignment.State = outcome.ToString();
        assignment.AnsweredAt = at;
        assignment.DeclineReason = reason;
        assignment.Note = note;
        request.AssignedNgoId = null;
        var ended = RequestChanges.Note(request, outcome.ToString(), actor, at, reason ?? AcceptDeadline);
        ended.NgoId = assignment.NgoId;
        var events = new List<RequestEventEntity> { ended };
        if (request.AssignmentCount >= sla.Value.MaxAssignments)
        {
            // Entered before the change commits, as the router does: a missing entry would strand it.
            await waitlist.EnterAsync(request, RequestStatus.Unroutable, [assignment.NgoId], cancellationToken);
            events.Add(RequestChanges.ChangeStatus(request, RequestStatus.Unroutable, "system", at, detail: AttemptsExhausted));
        }

        await requests.CommitAsync(request, assignment, events, cancellationToken);
        LogEnded(request.RequestId, assignment.NgoId, assignment.Attempt, outcome, request.Status);
        await HandOnAsync(request, assignment.NgoId, assignment, () => followUps.NotifyAsync(request, events[^1], cancellationToken), cancellationToken);
        return events;
    }

    /// <summary>Finishes an end whose commit went through but whose follow-ups may not have (the
    /// process stopped): routes again or notifies as <see cref="EndAsync"/> would, and frees the place
    /// (counting the NGO's decline or expiry then, with the place). Idempotent.</summary>
    public Task FinishAsync(RequestHistory history, string ngoId, CancellationToken cancellationToken)
    {
        var ended = history.Assignments.LastOrDefault(a => a.NgoId == ngoId && a.State is nameof(AssignmentState.Declined) or nameof(AssignmentState.Expired));
        return HandOnAsync(history.Request, ngoId, ended, () => followUps.EnsureNotifiedAsync(history, nameof(RequestStatus.Unroutable), cancellationToken), cancellationToken);
    }

    // The routing message goes first: if the process stops before the place is freed, the case row is
    // still there and the sweep finishes the job; the other way round nothing would be left to find.
    // Freeing the place counts the decline or expiry (load and ministry stats) once, with the case row.
    private async Task HandOnAsync(ServiceRequestEntity request, string ngoId, AssignmentEntity? ended, Func<Task> notifyUnroutable, CancellationToken cancellationToken)
    {
        if (request.Status == nameof(RequestStatus.Routed) && request.AssignedNgoId is null)
        {
            await followUps.RouteAgainAsync(request, cancellationToken);
        }
        else if (request.Status == nameof(RequestStatus.Unroutable))
        {
            await notifyUnroutable();
        }

        await cases.ReleaseAsync(ngoId, request.PartitionKey, notAccepted: ended, cancellationToken);
        await filler.PlaceFreedAsync(ngoId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId}: assignment {Attempt} at {NgoId} {Outcome}; request now {Status}")]
    private partial void LogEnded(Guid requestId, string ngoId, int attempt, AssignmentState outcome, string status);
}
