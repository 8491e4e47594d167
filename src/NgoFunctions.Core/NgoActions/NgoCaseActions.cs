using Azure.Data.Tables;
using FluentValidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>What an NGO does with a request routed to it: accept, decline, start, resolve. Each
/// action is one ETag-checked transaction of the request's partition (status, assignment, event),
/// then the NGO's case row and counters follow and the citizen is notified. Repeating an action that
/// took effect changes nothing and answers the same, and finishes what a stopped first try left undone.</summary>
public sealed partial class NgoCaseActions(
    ServiceRequestStore requests,
    NgoCaseBook book,
    AssignmentRerouter rerouter,
    WaitlistFiller filler,
    RequestFollowUps followUps,
    IValidator<NgoCaseCommand> validator,
    IOptions<SlaOptions> sla,
    TimeProvider clock,
    ILogger<NgoCaseActions> logger)
{
    // Writes lost to a concurrent change (the sweep, the citizen, a second click) are decided again on
    // fresh data this often before the NGO is told to try again.
    private const int WriteAttempts = 5;

    /// <summary>Applies <paramref name="command"/> to the request with <paramref name="trackingCode"/>
    /// for <paramref name="ngoId"/>: <see cref="Outcome{T}.Done"/> with the case as the NGO sees it now;
    /// <see cref="Outcome{T}.Rejected"/> for a bad reason, outcome or note; <see cref="Outcome{T}.NotFound"/>;
    /// <see cref="Outcome{T}.Conflict"/> (<c>ngo.conflict.{action}</c> with the request's status) when its
    /// status does not allow the action; <see cref="Outcome{T}.Busy"/> when every write lost a race.
    /// Throws <see cref="Azure.RequestFailedException"/> on storage failure.</summary>
    public async Task<Outcome<NgoCaseView>> ApplyAsync(string ngoId, string? trackingCode, NgoCaseCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return new Outcome<NgoCaseView>.Rejected(validation.Errors
                .GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()));
        }

        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return NgoCaseOutcomes.NotFound;
        }

        for (var attempt = 1; attempt <= WriteAttempts; attempt++)
        {
            var history = await requests.GetHistoryAsync(code.Value.Value, cancellationToken);
            if (NgoCaseQuery.CurrentAssignment(history, ngoId) is not { } assignment)
            {
                return NgoCaseOutcomes.NotFound;
            }

            var request = history!.Request;
            var status = Enum.Parse<RequestStatus>(request.Status);
            var target = Target(command.Action);
            if (target == status)
            {
                // Done before (a retry, a double click): finish what the first try may have left undone.
                await book.SyncAsync(ngoId, request.PartitionKey, status, request.UpdatedAt, assignment, cancellationToken);
                if (history.Events.Where(e => e.Type == request.Status).MaxBy(e => e.Sequence) is { } last)
                {
                    await book.CountOnceAsync(ngoId, last, cancellationToken);
                }

                await followUps.EnsureNotifiedAsync(history, request.Status, cancellationToken);
                return Done(request, assignment, history.Events);
            }

            if (!CanApply(command.Action, status, assignment))
            {
                return new Outcome<NgoCaseView>.Conflict(new LocalText($"ngo.conflict.{command.Action}", new LocalText($"status.{status}")));
            }

            try
            {
                var at = clock.GetUtcNow();
                var events = target is { } to
                    ? await MoveAsync(request, assignment, to, command, ngoId, at, cancellationToken)
                    : await rerouter.EndAsync(request, assignment, AssignmentState.Declined, Actor(ngoId), command.Reason, command.Note, at, cancellationToken);
                return Done(request, assignment, history.Events.Concat(events));
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                LogRaced(request.RequestId, ngoId, command.Action, attempt);
            }
        }

        return new Outcome<NgoCaseView>.Busy();
    }

    private async Task<IReadOnlyList<RequestEventEntity>> MoveAsync(
        ServiceRequestEntity request, AssignmentEntity assignment, RequestStatus to, NgoCaseCommand command, string ngoId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // A resolution's outcome travels on its event, so the trail says how the case ended.
        var detail = to == RequestStatus.Resolved ? ResolutionOutcomes.Detail(command.Outcome!, command.Reason) : null;
        var note = command.Note;
        if (to == RequestStatus.Resolved)
        {
            request.Outcome = command.Outcome;
            request.OutcomeReason = command.Outcome == ResolutionOutcomes.NotSuccessful ? command.Reason : null;
        }

        var change = RequestChanges.ChangeStatus(request, to, Actor(ngoId), at, ngoId, detail);
        var assignmentChanged = to == RequestStatus.Accepted || note is not null;
        if (to == RequestStatus.Accepted)
        {
            assignment.State = nameof(AssignmentState.Accepted);
            assignment.AnsweredAt = at;
        }

        assignment.Note = note ?? assignment.Note;
        await requests.CommitAsync(request, assignmentChanged ? assignment : null, [change], cancellationToken);
        LogMoved(request.RequestId, ngoId, to);
        await book.SyncAsync(ngoId, request.PartitionKey, to, at, assignment, cancellationToken);
        await book.CountOnceAsync(ngoId, change, cancellationToken);
        await followUps.NotifyAsync(request, change, cancellationToken);
        if (NgoCaseBook.IsClosing(to))
        {
            // The place is free: the next request in line gets it.
            await filler.PlaceFreedAsync(ngoId, cancellationToken);
        }

        return [change];
    }

    private Outcome<NgoCaseView>.Done Done(ServiceRequestEntity request, AssignmentEntity assignment, IEnumerable<RequestEventEntity> events) =>
        new(NgoCaseView.Of(request, assignment, events, sla.Value.AcceptDeadline));

    // The status an action leads to; a decline has none of its own (the request moves on).
    private static RequestStatus? Target(NgoCaseAction action) => action switch
    {
        NgoCaseAction.Accept => RequestStatus.Accepted,
        NgoCaseAction.Start => RequestStatus.InProgress,
        NgoCaseAction.Resolve => RequestStatus.Resolved,
        _ => null,
    };

    private static bool CanApply(NgoCaseAction action, RequestStatus status, AssignmentEntity assignment) => action switch
    {
        NgoCaseAction.Accept or NgoCaseAction.Decline => status == RequestStatus.Routed && assignment.State == nameof(AssignmentState.Pending),
        // Resolved → InProgress is the citizen's dispute, never the NGO's own step.
        NgoCaseAction.Start => status == RequestStatus.Accepted,
        _ => RequestStatusTransitions.IsAllowed(status, Target(action)!.Value),
    };

    private static string Actor(string ngoId) => $"ngo:{ngoId}";

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId} -> {Status} by NGO {NgoId}")]
    private partial void LogMoved(Guid requestId, string ngoId, RequestStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId}: {Action} by NGO {NgoId} lost a race (attempt {Attempt}); deciding again")]
    private partial void LogRaced(Guid requestId, string ngoId, NgoCaseAction action, int attempt);
}
