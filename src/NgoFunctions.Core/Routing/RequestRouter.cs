using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Notifications;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>Routes a submitted request, or re-routes one whose assignment was declined or expired
/// (never back to an NGO that declined it or let it expire). The flow: find the eligible NGOs
/// (<see cref="NgoDirectory"/>), reserve a place at the one <see cref="RoutingRule"/> chooses
/// (<see cref="PlaceReservation"/>, which retries lost races), then commit or wait, then notify.
/// Committing writes the status change, the assignment (with its routing reason) and the event in one
/// transaction, and queues the notification when someone is to be told (<see cref="NotificationChannels"/>:
/// a web-form request is followed on the status page). A request that active NGOs cover but none of which
/// can take it (each is at capacity or declined it) becomes Waitlisted, a capacity gap; one that no active
/// NGO covers becomes Unroutable, a coverage gap (design handbook, "Routing rule"). Both are entered in the
/// <see cref="Waitlist"/> before
/// the change commits, and routed again from there when an NGO gains room or the registry changes
/// (<see cref="WaitlistFiller"/>); a waiting request decided the same way again changes nothing. A new or
/// waiting request that finds a place while one of its sector and governorate waits ahead of it for that
/// NGO, without a place, joins (or stays in) the line instead, and the place goes to the first in it
/// (<see cref="PlaceReservation"/>). A
/// sensitive request (<see cref="SensitiveCases"/>) goes only to NGOs that handle sensitive cases, never
/// to a general one; when none can take it, it waits (Waitlisted or Unroutable) and is flagged
/// <c>NeedsAttention</c> for the ministry in the same transaction (reason
/// <see cref="SensitiveCases.NoSensitiveNgo"/> or <see cref="SensitiveCases.SensitiveNgosUnavailable"/>).
/// Idempotent: a second delivery of the same message changes nothing.</summary>
public sealed partial class RequestRouter(
    ServiceRequestStore requests,
    NgoCaseStore cases,
    NgoLoadCache loadCache,
    PlaceReservation places,
    NotificationChannels channels,
    NgoDirectory directory,
    Waitlist waitlist,
    WaitlistFiller filler,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    TimeProvider clock,
    ILogger<RequestRouter> logger)
{
    private const string Actor = "router";

    // Longer than intake takes from queueing a request to storing it, even with the storage client's
    // retries (about 7 s); the look again is short because the request is normally a moment away.
    private static readonly TimeSpan StoreWait = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookAgainAfter = TimeSpan.FromMilliseconds(500);

    /// <summary>Routes the request named by <paramref name="message"/>. Throws
    /// <see cref="RoutingContentionException"/> when every attempt lost a race for the last places
    /// (the queue delivers the message again), <see cref="Azure.RequestFailedException"/> on storage
    /// failure after the SDK's retries.</summary>
    public async Task RouteAsync(RequestSubmitted message, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(message.TrackingCode, cancellationToken);
        if (request is null && message.QueuedAt is { } queuedAt && clock.GetUtcNow() - queuedAt < StoreWait)
        {
            // Intake queues before it stores: the request is on its way (or its write failed; then the
            // message is dropped once it is older than the wait).
            await queues.SendAsync(queueNames.Value.RequestsSubmitted, message, LookAgainAfter, cancellationToken);
            LogNotStoredYet(message.RequestId);
            return;
        }

        // Missing, or the code holds another request (a repeated keyed submission's own message, or a
        // code collision): that request has a message of its own.
        if (request is null || request.RequestId != message.RequestId)
        {
            LogMissing(message.RequestId);
            return;
        }

        if (!AwaitsRouting(request))
        {
            await EnsureNotifiedAsync(request, cancellationToken);
            return;
        }

        var eligible = (await directory.GetIndexAsync(message.RegistryChangedAt, cancellationToken))
            .Find(request.Sector, request.Governorate, request.District, request.SubDistrict, SensitiveCases.IsSensitive(request));
        var declinedBefore = await DeclinedBeforeAsync(request, cancellationToken);
        var counters = await places.CountersAsync(eligible, cancellationToken);
        if (message.Resubmitted && await KeepReservationAsync(request, eligible, counters, declinedBefore, cancellationToken))
        {
            return;
        }

        var placed = await places.ReserveAsync(request, eligible, counters, declinedBefore, cancellationToken);
        if (placed is not ReservedPlace && !message.Resubmitted && await KeepReservationAsync(request, eligible, counters, declinedBefore, cancellationToken))
        {
            // About to wait, yet an earlier delivery reserved a place for it and stopped before committing
            // (the place counts in the NGO's counter, so the NGO reads full, or the line's check sent it
            // back): it takes that place instead of leaving it held for a request that waits.
            return;
        }

        switch (placed)
        {
            case ReservedPlace reserved:
                await CommitAsync(request, RequestStatus.Routed, reserved.Decision, reserved.Chosen, cancellationToken);
                break;

            case BehindTheLine behind:
                LogBehindTheLine(request.RequestId, behind.Chosen.Ngo.Id);
                await WaitAsync(request, RequestStatus.Waitlisted, behind.Decision, declinedBefore, cancellationToken);
                await filler.PlaceFreedAsync(behind.Chosen.Ngo.Id, cancellationToken);
                break;

            case NoPlace none:
                // Candidates, but none with room or willing: a capacity gap, and it waits in line (never offered
                // to an NGO that declined it: its entry names them). No candidate: a coverage gap.
                var waiting = none.Decision.Considered.Count > 0 ? RequestStatus.Waitlisted : RequestStatus.Unroutable;
                await WaitAsync(request, waiting, none.Decision, declinedBefore, cancellationToken);
                break;

            case var other:
                throw new InvalidOperationException($"Unknown place result {other.GetType().Name}");
        }
    }

    // A request may have been routed before by a process that reserved a place (case row + counter) and
    // died before committing. Queued again by the stale-request sweep, deciding afresh could send it
    // elsewhere and leave that place taken by a request routed to another NGO; delivered again and about
    // to wait, it would leave the place held by a waiting request that every fill skips. So: commit to the
    // first candidate that holds a place for it (a concurrent delivery that reserved there and commits too
    // loses the request's ETag race and keeps the place, since the request did end up there), and give
    // back any other place held for it. Costs one point read per candidate, on resubmissions and on
    // decisions to wait only.
    private async Task<bool> KeepReservationAsync(
        ServiceRequestEntity request, EligibleNgos eligible, CandidateCounters counters, HashSet<string> declinedBefore,
        CancellationToken cancellationToken)
    {
        var loads = counters.Loads;
        var candidates = counters.NgoIds.Where(id => !declinedBefore.Contains(id)).ToList();
        var held = await cases.FindReservationsAsync(candidates, request.PartitionKey, cancellationToken);
        if (held.Count == 0)
        {
            return false;
        }

        // The stored reason names the NGO holding the place as chosen; the others keep the rule's words
        // (the one the rule would pick now, had the place not been held, counts as ranked lower).
        var kept = held[0];
        var ruled = RoutingRule.Decide(request.PartitionKey, eligible, loads, declinedBefore);
        var decision = ruled with
        {
            Considered = ruled.Considered
                .Select(c => c.NgoId == kept ? c with { Outcome = "chosen" } : c.Outcome == "chosen" ? c with { Outcome = "ranked-lower" } : c)
                .ToList(),
        };
        foreach (var other in held.Skip(1))
        {
            await cases.ReleaseAsync(other, request.PartitionKey, cancellationToken);
            loadCache.Remove(other);
        }

        var (ngo, match) = eligible.ToList().First(e => e.Ngo.Id == kept);
        var load = loads[kept];
        LogKeptReservation(request.RequestId, kept);
        await CommitAsync(request, RequestStatus.Routed, decision, new RoutingCandidate(ngo, match, load.OpenCases, load.Accepted, load.NotAccepted), cancellationToken);
        return true;
    }

    // The request waits. Its waitlist entry is written first: a change committed without one would never
    // be routed again, while an entry whose change then fails is dropped by the next filler that reads it.
    // A request waiting already, and decided the same way again, keeps its status and trail (the entry is
    // refreshed: the NGOs that declined it may be more now).
    private async Task WaitAsync(
        ServiceRequestEntity request, RequestStatus waiting, RoutingDecision decision, HashSet<string> declinedBefore, CancellationToken cancellationToken)
    {
        await waitlist.EnterAsync(request, waiting, declinedBefore, cancellationToken);
        if (request.Status == waiting.ToString())
        {
            await EnsureNotifiedAsync(request, cancellationToken);
            return;
        }

        await CommitAsync(request, waiting, decision, assignment: null, cancellationToken);
    }

    private async Task CommitAsync(
        ServiceRequestEntity request, RequestStatus to, RoutingDecision decision, RoutingCandidate? assignment, CancellationToken cancellationToken)
    {
        var at = clock.GetUtcNow();
        var wasWaiting = IsWaiting(request.Status);
        var reason = JsonSerializer.Serialize(decision.Considered, MessageJson.Options);
        var rows = new List<Azure.Data.Tables.ITableEntity>();
        if (assignment is not null)
        {
            request.AssignmentCount++;
            request.AssignedNgoId = assignment.Ngo.Id;
            rows.Add(new AssignmentEntity
            {
                PartitionKey = request.PartitionKey,
                RowKey = Keys.AssignmentRow(request.AssignmentCount),
                Attempt = request.AssignmentCount,
                NgoId = assignment.Ngo.Id,
                AssignedAt = at,
                CoverageLevel = assignment.Match.Level.ToString(),
                MatchedPCode = assignment.Match.PCode,
                Reason = reason,
                RuleVersion = decision.RuleVersion,
            });
        }

        string? attention = null;
        if (to is RequestStatus.Unroutable or RequestStatus.Waitlisted && SensitiveCases.IsSensitive(request) && !request.NeedsAttention)
        {
            // Escalated to the ministry with the change. The note goes first so that the status change
            // stays the request's last event, which a repeated delivery checks before queueing its
            // notification again (EnsureNotifiedAsync).
            attention = decision.Considered.Count == 0 ? SensitiveCases.NoSensitiveNgo : SensitiveCases.SensitiveNgosUnavailable;
            rows.Add(RaiseAttention(request, attention, at));
        }

        var change = RequestChanges.ChangeStatus(request, to, Actor, at, assignment?.Ngo.Id, assignment is null ? reason : decision.RuleVersion);
        rows.Add(change);
        try
        {
            await requests.CommitAsync(request, rows, cancellationToken);
        }
        catch (Azure.Data.Tables.TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another delivery (or the citizen) changed the request since it was read. Keep the place
            // only if the request did end up with this NGO.
            var current = await requests.FindAsync(request.PartitionKey, cancellationToken);
            if (assignment is not null && current?.AssignedNgoId != assignment.Ngo.Id)
            {
                await cases.ReleaseAsync(assignment.Ngo.Id, request.PartitionKey, cancellationToken);
                loadCache.Remove(assignment.Ngo.Id);
            }

            LogLostRace(request.RequestId);
            return;
        }

        LogDecided(request.RequestId, to, assignment?.Ngo.Id, assignment?.Match.Level.ToString(), decision.Considered.Count);
        if (attention is not null)
        {
            // A Warning, as every NeedsAttention flag is: the ministry's alert on it reads these lines.
            LogNeedsAttention(request.RequestId, attention);
        }
        if (wasWaiting && assignment is not null)
        {
            // Off the waitlist once routed; should this fail, the entry is stale and the next filler drops it.
            await waitlist.LeaveAsync(request, cancellationToken);
        }

        // Only when someone is to be told (the citizen's Telegram chat, the NGO's linked group): a web-form
        // request is followed on the status page, so nothing is queued (or recorded) for it.
        if (await channels.AnyAsync(request, change, cancellationToken))
        {
            await queues.SendAsync(queueNames.Value.Notifications, new StatusChanged(request.RequestId, request.PartitionKey, change.Sequence), cancellationToken);
        }
    }

    // The request's NeedsAttention flag with its event, as AttentionFlag raises it for a poison message;
    // this reason is none of the poison queues', so no replay clears it.
    private static RequestEventEntity RaiseAttention(ServiceRequestEntity request, string reason, DateTimeOffset at)
    {
        request.NeedsAttention = true;
        request.AttentionReason = reason;
        return RequestChanges.Note(request, "NeedsAttention", Actor, at, reason);
    }

    // New requests, routed ones whose assignment was declined or expired (the NGO side clears
    // AssignedNgoId in the same transaction that ends the assignment, then queues the request again), and
    // waiting ones (Waitlisted, Unroutable) queued again because an NGO gained room or changed.
    private static bool AwaitsRouting(ServiceRequestEntity request) =>
        request.Status == nameof(RequestStatus.Submitted)
        || (request.Status == nameof(RequestStatus.Routed) && request.AssignedNgoId is null)
        || IsWaiting(request.Status);

    private static bool IsWaiting(string status) => status is nameof(RequestStatus.Waitlisted) or nameof(RequestStatus.Unroutable);

    // Every NGO that had this request before declined it or let it expire (an assignment ends no other
    // way while the request is still being routed): none of them gets it back.
    private async Task<HashSet<string>> DeclinedBeforeAsync(ServiceRequestEntity request, CancellationToken cancellationToken)
    {
        var declined = new HashSet<string>(StringComparer.Ordinal);
        if (request.AssignmentCount > 0 && await requests.GetHistoryAsync(request.PartitionKey, cancellationToken) is { } history)
        {
            declined.UnionWith(history.Assignments
                .Where(a => a.State is nameof(AssignmentState.Declined) or nameof(AssignmentState.Expired))
                .Select(a => a.NgoId));
        }

        return declined;
    }

    // A delivery after the request was routed: the first one may have stopped between the commit and
    // queueing the notification, so queue it again unless it was handled (the notifier is idempotent).
    // Only for a status change: the last event may be a note (a decline, a reminder) that has no text.
    private async Task EnsureNotifiedAsync(ServiceRequestEntity request, CancellationToken cancellationToken)
    {
        if (request.EventCount > 1
            && await channels.AnyAsync(request, request.Status, request.AssignedNgoId, cancellationToken)
            && !await requests.ExistsAsync(request.PartitionKey, Keys.NotificationRow(request.EventCount), cancellationToken)
            && (await requests.FindEventAsync(request.PartitionKey, request.EventCount, cancellationToken))?.FromStatus is not null)
        {
            await queues.SendAsync(queueNames.Value.Notifications, new StatusChanged(request.RequestId, request.PartitionKey, request.EventCount), cancellationToken);
        }

        LogAlreadyRouted(request.RequestId, request.Status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing message for {RequestId} names no stored request; nothing to do")]
    private partial void LogMissing(Guid requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId} is {Status} already; duplicate delivery ignored")]
    private partial void LogAlreadyRouted(Guid requestId, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId} -> {Status} (NGO {NgoId}, coverage {CoverageLevel}, {CandidateCount} candidates)")]
    private partial void LogDecided(Guid requestId, RequestStatus status, string? ngoId, string? coverageLevel, int candidateCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RequestId}: NeedsAttention ({Reason})")]
    private partial void LogNeedsAttention(Guid requestId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RequestId} resubmitted holding a place at {NgoId} from an earlier routing that did not commit: routed there")]
    private partial void LogKeptReservation(Guid requestId, string ngoId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId} not stored yet: looked at again shortly")]
    private partial void LogNotStoredYet(Guid requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} joins the line: a request waits ahead of it for {NgoId}'s place")]
    private partial void LogBehindTheLine(Guid requestId, string ngoId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId} changed while being routed; this delivery yields")]
    private partial void LogLostRace(Guid requestId);
}
