using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Registry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>The waitlist's safety net (timer <c>SweepWaitlist</c>): a place freed while its
/// <see cref="WaitlistFiller"/> call failed, or a process that stopped between freeing a place and filling
/// it, strands nobody: every active NGO with room is filled again from the waitlist, and every Unroutable
/// request that an active NGO now covers (a registry re-check decided on a registry copy that did not
/// know the NGO yet, or was lost) is queued to be decided again (Waitlisted or routed). It also flags for the
/// ministry (<c>NeedsAttention</c>, reason <see cref="WaitlistedPastSla"/>) every emergency request still
/// Waitlisted past its response target (24 h, <see cref="UrgencyLevels.ResponseTarget"/>).</summary>
/// <remarks>Cost per run: one query that stops at the first waitlist row; when none waits, nothing more.
/// Otherwise one point read of each active NGO's counter (run together), the filler's reads for the NGOs
/// with room, one query of the Unroutable entries (matched against the in-memory coverage index, so only
/// those an NGO now covers cost a message) and one query of the waitlisted emergencies.</remarks>
public sealed partial class WaitlistSweeper(
    NgoDirectory directory,
    NgoCaseStore cases,
    Waitlist waitlist,
    WaitlistFiller filler,
    ServiceRequestStore requests,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    TimeProvider clock,
    ILogger<WaitlistSweeper> logger)
{
    /// <summary>Attention reason (and event detail) of an emergency request Waitlisted past its 24-hour response target.</summary>
    public const string WaitlistedPastSla = "waitlisted-past-sla";

    /// <summary>Runs one sweep. Throws <see cref="RequestFailedException"/> when storage fails on the first
    /// query; an NGO or request that fails later is logged and left to the next run.</summary>
    public async Task<WaitlistSweepSummary> SweepAsync(CancellationToken cancellationToken)
    {
        if (!await waitlist.AnyAsync(cancellationToken))
        {
            return new WaitlistSweepSummary(0, 0);
        }

        var active = (await directory.GetAllAsync(cancellationToken)).Where(n => n.Active).ToList();
        var loads = await cases.GetLoadsAsync(active.Select(n => n.Id), cancellationToken);
        var queued = 0;
        foreach (var ngo in active.Where(n => loads[n.Id].OpenCases < n.Capacity))
        {
            try
            {
                queued += (await filler.FillAsync(ngo, registryChangedAt: null, cancellationToken)).Count;
            }
            catch (RequestFailedException ex)
            {
                LogFailed(ngo.Id, ex.Status, ex);
            }
        }

        var rechecked = await RecheckCoveredAsync(cancellationToken);
        var flagged = await FlagEmergenciesAsync(cancellationToken);
        if (queued + rechecked + flagged > 0)
        {
            LogSwept(queued, rechecked, flagged);
        }

        return new WaitlistSweepSummary(queued + rechecked, flagged);
    }

    // Unroutable requests an active NGO (that did not decline them) now covers: decided again. Each is queued
    // once per run at most, and only while the coverage index says so: the router either routes it, makes it
    // Waitlisted, or (the NGO declined it before) enters it again with the full list of decliners.
    private async Task<int> RecheckCoveredAsync(CancellationToken cancellationToken)
    {
        var index = await directory.GetIndexAsync(cancellationToken);
        var queued = 0;
        foreach (var entry in await waitlist.UnroutableAsync(cancellationToken))
        {
            var declinedBy = entry.DeclinedBy.Split(',', StringSplitOptions.RemoveEmptyEntries);
            var covered = false;
            foreach (var (ngo, _) in index.Find(entry.Sector, entry.Governorate, entry.District, entry.SubDistrict, entry.Sensitive))
            {
                if (!declinedBy.Contains(ngo.Id))
                {
                    covered = true;
                    break;
                }
            }

            if (covered)
            {
                await queues.SendAsync(queueNames.Value.RequestsSubmitted, new RequestSubmitted(entry.RequestId, entry.TrackingCode), cancellationToken);
                queued++;
            }
        }

        return queued;
    }

    private async Task<int> FlagEmergenciesAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var flagged = 0;
        foreach (var entry in await waitlist.EmergenciesPastAsync(now - Urgency.Emergency.ResponseTarget(), cancellationToken))
        {
            var request = await requests.FindAsync(entry.TrackingCode, cancellationToken);
            if (request is null || request.Status != nameof(RequestStatus.Waitlisted))
            {
                continue;
            }

            if (!request.NeedsAttention)
            {
                request.NeedsAttention = true;
                request.AttentionReason = WaitlistedPastSla;
                var note = RequestChanges.Note(request, "NeedsAttention", "system", now, WaitlistedPastSla);
                try
                {
                    await requests.CommitAsync(request, [note], cancellationToken);
                }
                catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
                {
                    // The request changed meanwhile (routed, cancelled): the next run looks again.
                    continue;
                }

                flagged++;
                LogFlagged(request.RequestId);
            }

            await waitlist.MarkFlaggedAsync(entry, now, cancellationToken);
        }

        return flagged;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Waitlist sweep: {Queued} waiting requests queued for free places, {Rechecked} Unroutable ones an NGO now covers queued again, {Flagged} emergencies flagged past their response target")]
    private partial void LogSwept(int queued, int rechecked, int flagged);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emergency request {RequestId} Waitlisted past its 24-hour response target: flagged for the ministry")]
    private partial void LogFlagged(Guid requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waitlist sweep could not fill NGO {NgoId} (storage status {Status}); the next run tries again")]
    private partial void LogFailed(string ngoId, int status, Exception exception);
}

/// <summary>What one waitlist sweep did.</summary>
/// <param name="Queued">Waiting requests queued for routing: to free places, or Unroutable ones an NGO now covers.</param>
/// <param name="Flagged">Emergency requests flagged for the ministry, Waitlisted past their response target.</param>
public sealed record WaitlistSweepSummary(int Queued, int Flagged);
