using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>Hands the places an NGO has free to the requests that wait for them (<see cref="Waitlist"/>),
/// in the order they are served: urgency, then vulnerability flags, then age. It does not route: it queues
/// the first waiting requests the NGO could take on <c>requests-submitted</c>, as many as the NGO has free
/// places, and the router decides each one as usual, reserving the place if-match the NGO's counter (so
/// two instances filling the same freed place never overfill it: the second finds it taken and the request
/// stays in line). Called when an NGO gains a place (a case resolved, declined, expired or cancelled), when
/// the registry adds or widens an NGO, and by the periodic <see cref="WaitlistSweeper"/> (a lost call
/// strands nobody). Best effort: a storage failure is logged, never thrown, because the change that freed
/// the place is committed already.</summary>
public sealed partial class WaitlistFiller(
    NgoDirectory directory,
    NgoCaseStore cases,
    Waitlist waitlist,
    ServiceRequestStore requests,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    TimeProvider clock,
    ILogger<WaitlistFiller> logger)
{
    /// <summary>Most requests queued for one NGO at a time; an NGO with more free places is filled further
    /// by the next place freed or the next <see cref="WaitlistSweeper"/> run.</summary>
    public const int MaxPerFill = 100;

    // Entries read beyond the free places, for entries met on the way that take none: stale ones (their
    // request no longer waits) and ones whose request holds a place here already, not yet committed.
    private const int StaleSlack = 5;

    // How long the re-check of the Unroutable requests a registry change now covers waits behind the requests
    // queued for the NGO's free places, so those (first in line) take the places before the others are decided.
    private static readonly TimeSpan RecheckDelay = TimeSpan.FromSeconds(3);

    /// <summary>An NGO gained a place (<paramref name="ngoId"/>): queues the first waiting requests it could
    /// take, one per free place. Returns how many were queued (0 when the NGO is unknown, inactive or full).</summary>
    public async Task<int> PlaceFreedAsync(string ngoId, CancellationToken cancellationToken)
    {
        try
        {
            var ngo = (await directory.GetAllAsync(cancellationToken)).FirstOrDefault(n => n.Id == ngoId);
            return ngo is null ? 0 : (await FillAsync(ngo, registryChangedAt: null, cancellationToken)).Count;
        }
        catch (RequestFailedException ex)
        {
            LogFailed(ngoId, ex.Status, ex);
            return 0;
        }
    }

    /// <summary>The registry stored <paramref name="ngo"/> (added, activated, capacity raised, coverage or
    /// sectors widened: any change may be one of them): queues the waiting requests it now takes, one per
    /// free place, then every other Unroutable request it covers, a moment later, so the router makes it
    /// Waitlisted (the NGO covers it but is full) or routes it. Routers decide these with a registry copy
    /// read after the change (<see cref="RequestSubmitted.RegistryChangedAt"/>), so none is decided again
    /// on a copy that does not know the NGO yet. Returns how many were queued.</summary>
    /// <remarks>Cost: the waitlist partitions of the NGO's sectors and governorates are read to the end
    /// for its Unroutable requests (at most <see cref="MaxPerFill"/> × 10 of them per change; the
    /// <see cref="WaitlistSweeper"/> finds any beyond), plus one point read and one message per request
    /// queued. A registry change is rare; this never runs on a citizen's path.</remarks>
    public async Task<int> RegistryChangedAsync(Ngo ngo, DateTimeOffset changedAt, CancellationToken cancellationToken)
    {
        try
        {
            var filled = await FillAsync(ngo, changedAt, cancellationToken);
            var rest = (await waitlist.NextForAsync(ngo, MaxPerFill * 10, cancellationToken, RequestStatus.Unroutable))
                .Where(e => !filled.Contains(e.TrackingCode))
                .ToList();
            foreach (var entry in rest)
            {
                await queues.SendAsync(
                    queueNames.Value.RequestsSubmitted, new RequestSubmitted(entry.RequestId, entry.TrackingCode, RegistryChangedAt: changedAt), RecheckDelay, cancellationToken);
            }

            if (filled.Count + rest.Count > 0)
            {
                LogRechecked(ngo.Id, filled.Count, rest.Count);
            }

            return filled.Count + rest.Count;
        }
        catch (RequestFailedException ex)
        {
            LogFailed(ngo.Id, ex.Status, ex);
            return 0;
        }
    }

    /// <summary>Queues the first waiting requests <paramref name="ngo"/> could take, one per free place by
    /// its counter as read now (at most <see cref="MaxPerFill"/>), skipping any that a router has reserved a
    /// place for here already; returns their tracking codes. Throws <see cref="RequestFailedException"/> on
    /// storage failure.</summary>
    /// <remarks>Cost: one counter read, one waitlist page, then two point reads (the request, its case row
    /// here) per entry met.</remarks>
    public async Task<IReadOnlySet<string>> FillAsync(Ngo ngo, DateTimeOffset? registryChangedAt, CancellationToken cancellationToken)
    {
        var queued = new HashSet<string>(StringComparer.Ordinal);
        if (!ngo.Active)
        {
            return queued;
        }

        var load = (await cases.GetLoadsAsync([ngo.Id], cancellationToken))[ngo.Id];
        var room = Math.Min(ngo.Capacity - load.OpenCases, MaxPerFill);
        if (room <= 0)
        {
            return queued;
        }

        foreach (var entry in await waitlist.NextForAsync(ngo, room + StaleSlack, cancellationToken))
        {
            var request = await requests.FindAsync(entry.TrackingCode, cancellationToken);
            if (request is null || request.RequestId != entry.RequestId || IsPastWaiting(request))
            {
                // Routed, cancelled or gone since it entered: its entry is stale. If-match, so an entry the
                // router wrote again meanwhile (the request waits once more) stays.
                await waitlist.LeaveAsync(entry, cancellationToken);
                LogStale(entry.RequestId);
                continue;
            }

            // A router has reserved a place here for it and not yet committed Routed (the request still reads
            // Waitlisted): it is served, and queuing it for a free place would leave the next in line without
            // one until the sweep. A reservation made since the counter was read took a place counted free
            // above, so the next one queued may find none; the router keeps the line's order then (a request
            // never takes a place while one ahead of it waits without one), and it stays in line.
            if (await cases.HoldsPlaceAsync(ngo.Id, entry.TrackingCode, cancellationToken))
            {
                continue;
            }

            await queues.SendAsync(
                queueNames.Value.RequestsSubmitted, new RequestSubmitted(entry.RequestId, entry.TrackingCode, RegistryChangedAt: registryChangedAt), cancellationToken);
            queued.Add(entry.TrackingCode);
            if (queued.Count >= room)
            {
                break;
            }
        }

        if (queued.Count > 0)
        {
            LogFilled(ngo.Id, queued.Count, room, clock.GetUtcNow());
        }

        return queued;
    }

    // A request that left the waitlist: routed to an NGO, accepted and on, cancelled. Submitted, and Routed
    // without an NGO, are the router's still (it may be writing this very entry before committing
    // Waitlisted): not stale.
    private static bool IsPastWaiting(ServiceRequestEntity request) => request.Status switch
    {
        nameof(RequestStatus.Waitlisted) or nameof(RequestStatus.Unroutable) or nameof(RequestStatus.Submitted) => false,
        nameof(RequestStatus.Routed) => request.AssignedNgoId is not null,
        _ => true,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "NGO {NgoId}: {Queued} waiting requests queued for {Room} free places at {At}")]
    private partial void LogFilled(string ngoId, int queued, int room, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "NGO {NgoId} changed in the registry: {Filled} waiting requests queued for its places, {Rechecked} Unroutable ones it covers re-checked")]
    private partial void LogRechecked(string ngoId, int filled, int rechecked);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waitlist entry of {RequestId} was stale (the request no longer waits): removed")]
    private partial void LogStale(Guid requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Filling the free places of NGO {NgoId} failed (storage status {Status}); the waitlist sweep tries again")]
    private partial void LogFailed(string ngoId, int status, Exception exception);
}
