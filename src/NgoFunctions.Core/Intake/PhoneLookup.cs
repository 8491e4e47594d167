using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Intake;

/// <summary>One open request per phone number and sector, and at most
/// <see cref="IntakeLimitOptions.OpenPerPhone"/> open requests per phone number, across channels and
/// instances. Each phone number has one <see cref="PhoneLookupEntity"/> row naming its open request of
/// each sector; intake claims a sector for a new request before storing it, by one write that cannot
/// succeed twice (an insert for a phone without a row, else a replace if-match the ETag read), so two
/// identical submissions at once make one request. An entry is checked against its request on every read
/// (a point read of each): a request no longer open, erased or never stored is stale, and the next write
/// drops it; nothing has to remove entries when a request closes.</summary>
public sealed partial class PhoneLookup(
    StorageTables tables, ServiceRequestStore requests, IOptions<IntakeLimitOptions> options, TimeProvider clock, ILogger<PhoneLookup> logger)
{
    /// <summary>How long a claim whose request is not stored yet is taken for an intake still storing it
    /// (a storage call gives up after about 7 s); older, it is stale (that intake failed).</summary>
    public static readonly TimeSpan PendingFor = TimeSpan.FromSeconds(15);

    private const int Attempts = 8;

    // How long a submission waits, in all, for the request of a young claim of its sector to be stored
    // (the same submission made a moment before, still being written), looking at these intervals.
    private static readonly TimeSpan[] Waits = [.. new[] { 50, 100, 200, 400, 800 }.Select(ms => TimeSpan.FromMilliseconds(ms))];

    private static readonly HashSet<string> Closed =
        [nameof(RequestStatus.Resolved), nameof(RequestStatus.Closed), nameof(RequestStatus.Cancelled)];

    /// <summary>Whether <paramref name="request"/> is open for these rules: not Resolved, Closed or Cancelled,
    /// and its personal data (the phone) not erased. Waitlisted and Unroutable requests are open: they
    /// still wait for an NGO, so asking again for the same help gets the same request (one place in line).</summary>
    public static bool IsOpen(ServiceRequestEntity request) =>
        !Closed.Contains(request.Status) && request.PersonalDataErasedAt is null;

    /// <summary>Claims <paramref name="sector"/> of the phone <paramref name="pseudonym"/>
    /// (<see cref="IntakePseudonyms.OfPhone"/>) for a new request under <paramref name="code"/>. A claim of
    /// that sector naming <paramref name="code"/> or one of <paramref name="own"/> (this same submission,
    /// made before under its key or under a code it gave up) is this submission's. Throws
    /// <see cref="TimeoutException"/> when the sector's claim is a moment old and its request still not
    /// stored (try again in a few seconds), and <see cref="RequestFailedException"/> when storage fails.</summary>
    public async Task<PhoneClaimOutcome> ClaimAsync(string pseudonym, string sector, string code, IReadOnlyCollection<string> own, CancellationToken cancellationToken)
    {
        var partition = Keys.PhoneLookupPartition(pseudonym);
        PhoneLookupEntity? row = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var claims = row?.Claims() ?? [];
            if (claims.TryGetValue(sector, out var held) && held.Code == code)
            {
                return PhoneClaimOutcome.Claimed.Instance;
            }

            var states = await ReadStatesAsync(claims, cancellationToken);
            if (claims.ContainsKey(sector) && !own.Contains(held!.Code))
            {
                if (states[sector] == ClaimState.Pending)
                {
                    states[sector] = await WaitForAsync(held, cancellationToken);
                }

                if (states[sector] == ClaimState.Open)
                {
                    return new PhoneClaimOutcome.Duplicate(held.Code);
                }
            }

            var open = states.Count(s => s.Key != sector && s.Value != ClaimState.Stale);
            if (open >= options.Value.OpenPerPhone)
            {
                return new PhoneClaimOutcome.Limited(open);
            }

            var now = clock.GetUtcNow();
            var next = claims.Where(c => c.Key != sector && states[c.Key] != ClaimState.Stale).ToDictionary();
            next[sector] = new PhoneClaim(code, now);
            var entity = new PhoneLookupEntity { PartitionKey = partition, RowKey = Keys.PhoneLookupRow }.With(next);
            try
            {
                if (row is null)
                {
                    await tables.IntakeGuards.AddEntityAsync(entity, cancellationToken);
                }
                else
                {
                    await tables.IntakeGuards.UpdateEntityAsync(entity, row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return PhoneClaimOutcome.Claimed.Instance;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409 or 412)
            {
                // Another submission with this phone wrote (or an erasure deleted) the row since: read it.
                row = await ReadAsync(partition, cancellationToken);
            }
        }

        LogContended(Attempts);
        throw new TimeoutException("The phone's lookup row lost every race.");
    }

    /// <summary>Removes the entry of <paramref name="sector"/> when it names <paramref name="code"/> (the
    /// row goes with its last entry): erasing a request's personal data takes its phone out of the
    /// lookup. Idempotent; an entry naming another request is left alone.</summary>
    public async Task ReleaseAsync(string pseudonym, string sector, string code, CancellationToken cancellationToken)
    {
        var partition = Keys.PhoneLookupPartition(pseudonym);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await ReadAsync(partition, cancellationToken) is not { } row)
            {
                return;
            }

            var claims = row.Claims();
            if (!claims.TryGetValue(sector, out var held) || held.Code != code)
            {
                return;
            }

            claims.Remove(sector);
            try
            {
                if (claims.Count == 0)
                {
                    await tables.IntakeGuards.DeleteEntityAsync(partition, Keys.PhoneLookupRow, row.ETag, cancellationToken);
                }
                else
                {
                    await tables.IntakeGuards.UpdateEntityAsync(row.With(claims), row.ETag, TableUpdateMode.Replace, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // Changed since it was read: look again.
            }
        }

        throw new TimeoutException("The phone's lookup row lost every race.");
    }

    private async Task<PhoneLookupEntity?> ReadAsync(string partition, CancellationToken cancellationToken)
    {
        var found = await tables.IntakeGuards.GetEntityIfExistsAsync<PhoneLookupEntity>(partition, Keys.PhoneLookupRow, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    // Each entry's request, read side by side (a phone has a few at most).
    private async Task<Dictionary<string, ClaimState>> ReadStatesAsync(Dictionary<string, PhoneClaim> claims, CancellationToken cancellationToken)
    {
        var states = await Task.WhenAll(claims.Select(async c => (c.Key, State: StateOf(c.Value, await requests.FindAsync(c.Value.Code, cancellationToken)))));
        return states.ToDictionary(s => s.Key, s => s.State);
    }

    // A young claim without its request: the same submission made a moment ago is being stored. Wait a
    // little for it; a claim that grows old without its request was left by an intake that failed.
    private async Task<ClaimState> WaitForAsync(PhoneClaim claim, CancellationToken cancellationToken)
    {
        foreach (var wait in Waits)
        {
            // Real time: another intake's write is awaited, whatever clock this one is given.
            await Task.Delay(wait, cancellationToken);
            var state = StateOf(claim, await requests.FindAsync(claim.Code, cancellationToken));
            if (state != ClaimState.Pending)
            {
                return state;
            }
        }

        if (StateOf(claim, request: null) == ClaimState.Pending)
        {
            throw new TimeoutException("A submission with the same phone and sector is still being stored.");
        }

        return ClaimState.Stale;
    }

    private ClaimState StateOf(PhoneClaim claim, ServiceRequestEntity? request) => request switch
    {
        null when clock.GetUtcNow() - claim.At < PendingFor => ClaimState.Pending,
        null => ClaimState.Stale,
        _ => IsOpen(request) ? ClaimState.Open : ClaimState.Stale,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A phone's lookup row lost {Attempts} races in a row; answered as unavailable")]
    private partial void LogContended(int attempts);

    private enum ClaimState
    {
        Open,
        Pending,
        Stale,
    }
}

/// <summary>What <see cref="PhoneLookup.ClaimAsync"/> found.</summary>
public abstract record PhoneClaimOutcome
{
    private PhoneClaimOutcome()
    {
    }

    /// <summary>The sector is this submission's: store the request.</summary>
    public sealed record Claimed : PhoneClaimOutcome
    {
        /// <summary>The one value.</summary>
        public static readonly Claimed Instance = new();
    }

    /// <summary>The phone has an open request of this sector: that one, not a second.</summary>
    /// <param name="TrackingCode">The open request's code (canonical form).</param>
    public sealed record Duplicate(string TrackingCode) : PhoneClaimOutcome;

    /// <summary>The phone has <paramref name="Open"/> open requests of other sectors, the most allowed.</summary>
    /// <param name="Open">How many.</param>
    public sealed record Limited(int Open) : PhoneClaimOutcome;
}
