using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Closure;

/// <summary>The citizen's answer to "did you get the help you needed?" once the NGO resolved the request,
/// from the status page (<c>POST /api/requests/{trackingCode}/confirmation</c>) or the bot's buttons; one
/// code path for both. Yes: Resolved → Closed (<see cref="ClosureEvents.Confirmed"/>). No: Resolved →
/// InProgress (<see cref="ClosureEvents.Disputed"/>), the case is the NGO's again
/// (<see cref="NgoCaseBook.ReopenAsync"/>) and its group is told; the second no also flags the request for
/// the ministry (<c>NeedsAttention</c>, reason <see cref="ClosureEvents.DisputedTwice"/>) in the same
/// transaction. Each change is one ETag-checked transaction of the request's partition; the citizen's
/// channel and the NGO's group hear of it through the notifications queue. Repeating the same answer
/// changes nothing and answers the same, finishing what a stopped first try left undone.</summary>
public sealed partial class ClosureConfirmation(
    ServiceRequestStore requests,
    NgoCaseBook book,
    RequestFollowUps followUps,
    TimeProvider clock,
    ILogger<ClosureConfirmation> logger)
{
    private const int WriteAttempts = 5;

    /// <summary>Records <paramref name="received"/> for the request with <paramref name="trackingCode"/>
    /// (any accepted form of the code): <see cref="Outcome{T}.Done"/>; <see cref="Outcome{T}.NotFound"/>
    /// (<c>page.notfound</c>) for an unknown or malformed code; <see cref="Outcome{T}.Conflict"/>
    /// (<c>closure.conflict</c> with the status) when the request is not waiting for this answer;
    /// <see cref="Outcome{T}.Busy"/> when every write lost a race. Throws
    /// <see cref="Azure.RequestFailedException"/> on storage failure.</summary>
    public async Task<Outcome<ClosureAnswer>> AnswerAsync(string? trackingCode, bool received, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return new Outcome<ClosureAnswer>.NotFound(new LocalText("page.notfound"));
        }

        for (var attempt = 1; attempt <= WriteAttempts; attempt++)
        {
            if (await requests.GetHistoryAsync(code.Value.Value, cancellationToken) is not { } history)
            {
                return new Outcome<ClosureAnswer>.NotFound(new LocalText("page.notfound"));
            }

            var request = history.Request;
            var status = Enum.Parse<RequestStatus>(request.Status);
            var last = history.Events.Where(e => e.FromStatus is not null).MaxBy(e => e.Sequence);
            if (last is not null && last.Type == (received ? ClosureEvents.Confirmed : ClosureEvents.Disputed))
            {
                // The same answer again (a double tap, a retried post): finish what the first try may have left undone.
                await FollowAsync(request, last, cancellationToken);
                return Done(code.Value, received, request);
            }

            if (status != RequestStatus.Resolved || request.AssignedNgoId is null)
            {
                return new Outcome<ClosureAnswer>.Conflict(new LocalText("closure.conflict", new LocalText($"status.{status}")));
            }

            var at = clock.GetUtcNow();
            var change = received
                ? RequestChanges.ChangeStatus(request, RequestStatus.Closed, "citizen", at, request.AssignedNgoId, ClosureEvents.ConfirmedClosure, ClosureEvents.Confirmed)
                : RequestChanges.ChangeStatus(request, RequestStatus.InProgress, "citizen", at, request.AssignedNgoId, type: ClosureEvents.Disputed);
            if (received)
            {
                request.Closure = ClosureEvents.ConfirmedClosure;
            }
            else
            {
                request.Disputes++;
            }

            List<ITableEntity> additions = [change];
            var disputes = history.Events.Count(e => e.Type == ClosureEvents.Disputed) + (received ? 0 : 1);
            if (!received && disputes >= ClosureEvents.DisputesBeforeAttention && !request.NeedsAttention)
            {
                request.NeedsAttention = true;
                request.AttentionReason = ClosureEvents.DisputedTwice;
                additions.Add(RequestChanges.Note(request, "NeedsAttention", "system", at, ClosureEvents.DisputedTwice));
            }

            try
            {
                await requests.CommitAsync(request, additions, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                LogRaced(request.RequestId, attempt);
                continue;
            }

            LogAnswered(request.RequestId, change.Type, disputes);
            await FollowAsync(request, change, cancellationToken);
            return Done(code.Value, received, request);
        }

        return new Outcome<ClosureAnswer>.Busy();
    }

    // The NGO's case row follows the request (closed, or open again) and the answer is counted in its stats
    // for the ministry, then the notification is queued.
    private async Task FollowAsync(ServiceRequestEntity request, RequestEventEntity change, CancellationToken cancellationToken)
    {
        if (request.AssignedNgoId is { } ngoId)
        {
            if (change.Type == ClosureEvents.Disputed)
            {
                await book.ReopenAsync(ngoId, request.PartitionKey, change.OccurredAt, cancellationToken);
            }
            else
            {
                await book.SyncAsync(ngoId, request.PartitionKey, RequestStatus.Closed, change.OccurredAt, cancellationToken);
            }

            await book.CountOnceAsync(ngoId, change, cancellationToken);
        }

        await followUps.NotifyAsync(request, change, cancellationToken);
    }

    private static Outcome<ClosureAnswer>.Done Done(TrackingCode code, bool received, ServiceRequestEntity request) =>
        new(new ClosureAnswer(code.ToString(), received, request.Status, request.NeedsAttention));

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId}: {Event} by the citizen (disputes so far {Disputes})")]
    private partial void LogAnswered(Guid requestId, string @event, int disputes);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId}: the citizen's closure answer lost a race (attempt {Attempt}); deciding again")]
    private partial void LogRaced(Guid requestId, int attempt);
}
