using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>The requests that wait for a place or for an NGO (Waitlist table, <see cref="WaitlistEntity"/>),
/// in the order they are served: urgency, then vulnerability flags, then age (<see cref="Keys.WaitlistRow"/>).
/// The router enters a request before it makes it Waitlisted or Unroutable and removes it after routing it;
/// <see cref="WaitlistFiller"/> reads it when an NGO gains room.</summary>
public sealed class Waitlist(StorageTables tables, LocationCatalogue locations)
{
    /// <summary>Enters (or updates) <paramref name="request"/> as waiting in <paramref name="status"/>
    /// (<see cref="RequestStatus.Waitlisted"/> or <see cref="RequestStatus.Unroutable"/>). One upsert
    /// (merge: a flag already set stays). Idempotent.</summary>
    /// <param name="request">The request.</param>
    /// <param name="status">Why it waits.</param>
    /// <param name="declinedBy">NGOs that declined it or let it expire.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task EnterAsync(ServiceRequestEntity request, RequestStatus status, IEnumerable<string> declinedBy, CancellationToken cancellationToken) =>
        tables.Waitlist.UpsertEntityAsync(new WaitlistEntity
        {
            PartitionKey = Keys.WaitlistPartition(request.Sector, request.Governorate),
            RowKey = RowKey(request),
            TrackingCode = request.PartitionKey,
            RequestId = request.RequestId,
            Status = status.ToString(),
            Sector = request.Sector,
            Governorate = request.Governorate,
            District = request.District,
            SubDistrict = request.SubDistrict,
            Urgency = request.Urgency,
            Sensitive = SensitiveCases.IsSensitive(request),
            DeclinedBy = string.Join(',', declinedBy.Order(StringComparer.Ordinal)),
            SubmittedAt = request.SubmittedAt,
        }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>Removes <paramref name="request"/> from the waitlist; nothing happens when it is not there.</summary>
    public Task LeaveAsync(ServiceRequestEntity request, CancellationToken cancellationToken) =>
        LeaveAsync(Keys.WaitlistPartition(request.Sector, request.Governorate), RowKey(request), cancellationToken);

    /// <summary>Removes <paramref name="entry"/> as read (found stale: its request no longer waits), if-match
    /// its ETag: an entry written again since (the request waits once more) stays.</summary>
    public async Task LeaveAsync(WaitlistEntity entry, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Waitlist.DeleteEntityAsync(entry.PartitionKey, entry.RowKey, entry.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Gone already, or written again.
        }
    }

    /// <summary>The first <paramref name="count"/> waiting requests <paramref name="ngo"/> could take, in the
    /// order they are served: it serves the sector, covers the place (<see cref="CoverageMatch.Best"/>),
    /// handles sensitive cases if the request is sensitive, and never declined it. Waitlisted and Unroutable
    /// requests together (an Unroutable one the NGO covers is one the registry re-check has not reached yet).
    /// <paramref name="status"/> keeps only one of them.</summary>
    /// <remarks>Cost: one range query per (sector × governorate) the NGO serves and covers, run together
    /// (a national NGO of two sectors: 28), each read only until it has <paramref name="count"/> matches; a
    /// district-level NGO reads its governorate's entries until it finds its own. Only when an NGO gains
    /// room or changes in the registry, never on a submission's path.</remarks>
    public async Task<IReadOnlyList<WaitlistEntity>> NextForAsync(
        Ngo ngo, int count, CancellationToken cancellationToken, RequestStatus? status = null)
    {
        if (count <= 0 || !ngo.Active)
        {
            return [];
        }

        var reads = Partitions(ngo).Select(async partition =>
        {
            var found = new List<WaitlistEntity>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var entry in tables.Waitlist.QueryAsync<WaitlistEntity>(filter, maxPerPage: Math.Min(1000, Math.Max(count, 20)), cancellationToken: cancellationToken))
            {
                if ((status is null || entry.Status == status.ToString()) && CouldTake(ngo, entry))
                {
                    found.Add(entry);
                    if (found.Count >= count)
                    {
                        break;
                    }
                }
            }

            return found;
        });
        return (await Task.WhenAll(reads)).SelectMany(f => f).OrderBy(e => e.RowKey, StringComparer.Ordinal).Take(count).ToList();
    }

    /// <summary>The Waitlisted requests of <paramref name="request"/>'s own sector and governorate that rank
    /// ahead of it (<see cref="Keys.WaitlistRow"/>) and that <paramref name="ngo"/> could take (the same test
    /// as <see cref="NextForAsync"/>), first in line first, read lazily. The router asks this before it
    /// takes a place at <paramref name="ngo"/> (<see cref="PlaceReservation"/>), so nobody takes a freed
    /// place ahead of the line.</summary>
    /// <remarks>Cost: one range query of one partition, up to the request's own rank, read only as far as
    /// the caller enumerates: a single empty page when nobody waits there (the usual case).</remarks>
    public async IAsyncEnumerable<WaitlistEntity> AheadAsync(
        ServiceRequestEntity request, Ngo ngo, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = Keys.WaitlistPartition(request.Sector, request.Governorate);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey lt {RowKey(request)} and Status eq {nameof(RequestStatus.Waitlisted)}");
        await foreach (var entry in tables.Waitlist.QueryAsync<WaitlistEntity>(filter, maxPerPage: 20, cancellationToken: cancellationToken))
        {
            if (entry.RequestId != request.RequestId && CouldTake(ngo, entry))
            {
                yield return entry;
            }
        }
    }

    // Whether ngo could take the waiting request: it handles sensitive cases if the request is sensitive,
    // never declined it, and covers its place. (Sector and governorate are the entry's partition.)
    private static bool CouldTake(Ngo ngo, WaitlistEntity entry) =>
        (!entry.Sensitive || ngo.HandlesSensitive)
        && !("," + entry.DeclinedBy + ",").Contains("," + ngo.Id + ",", StringComparison.Ordinal)
        && CoverageMatch.Best(ngo.Coverage, entry.Governorate, entry.District, entry.SubDistrict) is not null;

    /// <summary>Whether any request waits at all: one query that stops at the first row (the periodic
    /// safety net does nothing more when none does).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await foreach (var _ in tables.Waitlist.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>Every Unroutable entry: one query over the whole table filtered by status (the coverage-gap
    /// backlog, read by the periodic sweep only).</summary>
    public async Task<IReadOnlyList<WaitlistEntity>> UnroutableAsync(CancellationToken cancellationToken)
    {
        const string unroutable = nameof(RequestStatus.Unroutable);
        var found = new List<WaitlistEntity>();
        await foreach (var entry in tables.Waitlist.QueryAsync<WaitlistEntity>(TableClient.CreateQueryFilter($"Status eq {unroutable}"), cancellationToken: cancellationToken))
        {
            found.Add(entry);
        }

        return found;
    }

    /// <summary>The waitlisted emergency requests submitted at or before <paramref name="submittedBefore"/>
    /// and not flagged yet. One query over the whole table (it holds only waiting requests), filtered by
    /// RowKey (emergencies sort first) and properties.</summary>
    public async Task<IReadOnlyList<WaitlistEntity>> EmergenciesPastAsync(DateTimeOffset submittedBefore, CancellationToken cancellationToken)
    {
        const string waitlisted = nameof(RequestStatus.Waitlisted);
        var filter = TableClient.CreateQueryFilter(
            $"RowKey lt {Keys.WaitlistEmergencyEnd} and Status eq {waitlisted} and SubmittedAt le {submittedBefore}");
        var found = new List<WaitlistEntity>();
        await foreach (var entry in tables.Waitlist.QueryAsync<WaitlistEntity>(filter, cancellationToken: cancellationToken))
        {
            // Table storage cannot filter on a missing property: the flagged ones are skipped here.
            if (entry.SlaFlaggedAt is null)
            {
                found.Add(entry);
            }
        }

        return found;
    }

    /// <summary>Notes on <paramref name="entry"/> that it was flagged for the ministry (merge, if-match).
    /// <c>false</c> when the entry changed or went meanwhile.</summary>
    public async Task<bool> MarkFlaggedAsync(WaitlistEntity entry, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Waitlist.UpdateEntityAsync(
                new TableEntity(entry.PartitionKey, entry.RowKey) { [nameof(WaitlistEntity.SlaFlaggedAt)] = at }, entry.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return false;
        }
    }

    private static string RowKey(ServiceRequestEntity request) =>
        Keys.WaitlistRow(
            request.Urgency,
            request.Vulnerabilities.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length,
            request.SubmittedAt,
            request.PartitionKey);

    // The waitlist partitions an NGO's sectors and coverage reach: a national coverage entry reaches every
    // governorate; a governorate, district or sub-district entry reaches its governorate (the first four
    // characters of a P-code: SY01, SY0100 and SY010000 all lie in SY01).
    private IEnumerable<string> Partitions(Ngo ngo)
    {
        var governorates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in ngo.Coverage)
        {
            if (code == LocationCatalogue.CountryPCode)
            {
                governorates.UnionWith(locations.Governorates.Select(g => g.PCode));
            }
            else if (code.Length >= 4)
            {
                governorates.Add(code[..4]);
            }
        }

        return ngo.Sectors.Distinct(StringComparer.Ordinal)
            .SelectMany(sector => governorates.Select(governorate => Keys.WaitlistPartition(sector, governorate)));
    }

    private async Task LeaveAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Waitlist.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Gone already.
        }
    }
}
