using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>The router's reserve-and-retry loop: decides with <see cref="RoutingRule"/> on the counters
/// held, keeps a new or waiting request behind the line (<see cref="Waitlist.AheadAsync"/>), and reserves a place
/// at the chosen NGO (<see cref="NgoCaseStore.TryReserveAsync"/>, if-match the counter's ETag) while this
/// process's routings take turns there (<see cref="NgoLoadCache.EnterAsync"/>). A lost race or a stale
/// copy reads the counter again and decides again, up to <see cref="RoutingOptions.ReservationAttempts"/>
/// times. It writes only the case row and counter (and the cache); committing the request, or making it
/// wait, is the caller's (<see cref="RequestRouter"/>). Idempotent: a repeated delivery finds its case
/// row (<see cref="ReservationOutcome.AlreadyReserved"/>) and gets the same place. A DI singleton.</summary>
public sealed partial class PlaceReservation(
    NgoCaseStore cases,
    NgoLoadCache loadCache,
    Waitlist waitlist,
    IOptions<RoutingOptions> options,
    TimeProvider clock,
    // The router's category: its races are per-request lines of the routing hot path, which both hosts
    // log at Warning under that category (host.json, LocalHost appsettings.json; docs/operations.md).
    ILogger<RequestRouter> logger)
{
    /// <summary>The eligible NGOs' counters: the cache's fresh copies, and one point read (run together)
    /// for each one missing or expired there; what was read is kept in the cache and marked
    /// <see cref="CandidateCounters.Verified"/>.</summary>
    /// <param name="eligible">The NGOs that serve the request's sector and cover its location.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="Azure.RequestFailedException">Storage failure after the SDK's retries.</exception>
    public async Task<CandidateCounters> CountersAsync(EligibleNgos eligible, CancellationToken cancellationToken)
    {
        var ngoIds = new List<string>();
        foreach (var (ngo, _) in eligible)
        {
            ngoIds.Add(ngo.Id);
        }

        var counters = new CandidateCounters(ngoIds);
        var missing = new List<string>();
        foreach (var id in ngoIds)
        {
            if (loadCache.TryGet(id, out var cached))
            {
                counters.Loads[id] = cached;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            await RefreshAsync(missing, counters, cancellationToken);
        }

        return counters;
    }

    /// <summary>Reserves a place for <paramref name="request"/> at the NGO the rule chooses, deciding
    /// again after each lost race.</summary>
    /// <param name="request">The request being routed (as read; not changed here).</param>
    /// <param name="eligible">The NGOs that serve its sector and cover its location.</param>
    /// <param name="counters">Their counters, from <see cref="CountersAsync"/>; updated in place as
    /// counters are read again or written.</param>
    /// <param name="declinedBefore">NGOs that declined the request or let it expire: never chosen.</param>
    /// <param name="cancellationToken">Cancels the loop.</param>
    /// <returns><see cref="ReservedPlace"/> when a place is held for it (reserved now or by an earlier
    /// delivery); <see cref="NoPlace"/> when no candidate has room or is willing by counters all read
    /// from storage; <see cref="BehindTheLine"/> when it is new or waiting and a request waits ahead of it, without a place, for the
    /// chosen NGO.</returns>
    /// <exception cref="RoutingContentionException">Every one of
    /// <see cref="RoutingOptions.ReservationAttempts"/> attempts lost a race for the last places.</exception>
    /// <exception cref="Azure.RequestFailedException">Storage failure after the SDK's retries.</exception>
    public async Task<PlaceResult> ReserveAsync(
        ServiceRequestEntity request, EligibleNgos eligible, CandidateCounters counters, IReadOnlySet<string> declinedBefore,
        CancellationToken cancellationToken)
    {
        var loads = counters.Loads;
        var races = 0;
        while (true)
        {
            var decision = RoutingRule.Decide(request.PartitionKey, eligible, loads, declinedBefore);
            if (decision.Chosen is not { } chosen)
            {
                // Nobody has room, by the figures held. Before calling the request Unroutable, read every
                // candidate counter this routing did not read itself: a copy may still show places
                // given back since (a stale "full").
                var unverified = counters.NgoIds.Where(id => !counters.Verified.Contains(id) && !declinedBefore.Contains(id)).ToList();
                if (unverified.Count > 0)
                {
                    await RefreshAsync(unverified, counters, cancellationToken);
                    continue;
                }

                return new NoPlace(decision);
            }

            // Nobody takes a place ahead of the line: when a request of its sector and governorate that this
            // NGO could take waits ahead of it without a place, it stays in (or joins) the line, and the place
            // goes to the first in it (the filler queues it; the router reserves for it as for any other). This
            // holds for a waiting request queued by a fill too: fills on two instances at once, or one that
            // counted a place free that a router was just reserving, queue more requests than there are
            // places, and those would otherwise race for them out of turn.
            if (TakesItsTurn(request) && await FirstWithoutPlaceAheadAsync(request, chosen.Ngo, cancellationToken))
            {
                return new BehindTheLine(decision, chosen);
            }

            Reservation reservation;
            using (await loadCache.EnterAsync(chosen.Ngo.Id, cancellationToken))
            {
                // Routings of this process reserve at one NGO one at a time. One that reserved here since
                // these figures were taken left its counter in the cache: decide again with it instead of
                // spending a transaction on a certain 412 (and a read after it).
                if (loadCache.TryGet(chosen.Ngo.Id, out var latest) && latest.ETag != loads[chosen.Ngo.Id].ETag)
                {
                    loads[chosen.Ngo.Id] = latest;
                    var again = RoutingRule.Decide(request.PartitionKey, eligible, loads, declinedBefore);
                    if (again.Chosen?.Ngo.Id != chosen.Ngo.Id)
                    {
                        // The copy is not necessarily newer than the figures it replaced (a read that finished
                        // late may have put an older one there, and another instance may have freed places
                        // since): it may steer the choice elsewhere, but never decide "full" on its own. The
                        // NGO counts as unread again, so a request is only made to wait on its counter as read
                        // from storage.
                        counters.Verified.Remove(chosen.Ngo.Id);
                        continue;
                    }

                    (decision, chosen) = (again, again.Chosen);
                }

                reservation = await cases.TryReserveAsync(loads[chosen.Ngo.Id], chosen.Ngo.Capacity, CaseRow(request, chosen), cancellationToken);
                if (reservation.Counter is { } counter)
                {
                    loadCache.Set(counter);
                }
                else if (reservation.Outcome is ReservationOutcome.Reserved)
                {
                    loadCache.Remove(chosen.Ngo.Id);
                }
            }

            if (reservation.Outcome is ReservationOutcome.Reserved or ReservationOutcome.AlreadyReserved)
            {
                return new ReservedPlace(decision, chosen);
            }

            // Raced (the counter changed since it was read or copied) or Full (a stale copy): read it
            // again and decide again.
            LogRaced(request.RequestId, chosen.Ngo.Id, ++races);
            if (races >= options.Value.ReservationAttempts)
            {
                loadCache.Remove(chosen.Ngo.Id);
                throw new RoutingContentionException(request.RequestId);
            }

            await RefreshAsync([chosen.Ngo.Id], counters, cancellationToken);
        }
    }

    // New requests, and waiting ones; not one being routed again after a decline (it held a place already).
    private static bool TakesItsTurn(ServiceRequestEntity request) =>
        request.Status is nameof(RequestStatus.Submitted) or nameof(RequestStatus.Waitlisted) or nameof(RequestStatus.Unroutable);

    // Whether a request ranked ahead of this one, that the NGO could take, still waits without a place there.
    // One ahead that a router has reserved a place for (its case row is there, Routed not yet committed) is
    // served already. Costs the waitlist query and one point read per entry ahead that holds a place.
    private async Task<bool> FirstWithoutPlaceAheadAsync(ServiceRequestEntity request, Ngo ngo, CancellationToken cancellationToken)
    {
        await foreach (var entry in waitlist.AheadAsync(request, ngo, cancellationToken))
        {
            if (!await cases.HoldsPlaceAsync(ngo.Id, entry.TrackingCode, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    // Reads the counters from storage (point reads run together), keeps them in the cache and marks
    // them read by this routing.
    private async Task RefreshAsync(IEnumerable<string> ngoIds, CandidateCounters counters, CancellationToken cancellationToken)
    {
        foreach (var (id, load) in await cases.GetLoadsAsync(ngoIds, cancellationToken))
        {
            counters.Loads[id] = load;
            counters.Verified.Add(id);
            loadCache.Set(load);
        }
    }

    // The case row a reservation adds at the chosen NGO (NgoCases, PK = NGO id, RK case-{tracking code}).
    private NgoCaseEntity CaseRow(ServiceRequestEntity request, RoutingCandidate chosen) => new()
    {
        PartitionKey = chosen.Ngo.Id,
        RowKey = Keys.NgoCaseRow(request.PartitionKey),
        RequestId = request.RequestId,
        TrackingCode = request.PartitionKey,
        Attempt = request.AssignmentCount + 1,
        Sector = request.Sector,
        Urgency = request.Urgency,
        Governorate = request.Governorate,
        District = request.District,
        SubDistrict = request.SubDistrict,
        AssignedAt = clock.GetUtcNow(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "{RequestId}: lost the race for a place at {NgoId} (attempt {Attempt}); deciding again")]
    private partial void LogRaced(Guid requestId, string ngoId, int attempt);
}
