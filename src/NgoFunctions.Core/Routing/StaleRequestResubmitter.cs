using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Routing;

/// <summary>The stale-request sweep (timer <c>ResubmitStaleRequests</c>): no request stays <c>Submitted</c>.
/// A request still <c>Submitted</c> <see cref="RoutingOptions.ResubmitAfter"/> after it was stored (its
/// queue message was lost between the table write and the send, or is held invisible by an instance that
/// died) is queued on <c>requests-submitted</c> again, at most once per bound; the router ignores a request
/// it has routed already. Finds them through the routing markers (<see cref="RoutingMarkerEntity"/>) with
/// one range query over the RequestIndex days of <see cref="RoutingOptions.ResubmitLookbackDays"/>: when
/// nothing is stale that query is the whole cost, and it never reads the index rows themselves.</summary>
public sealed partial class StaleRequestResubmitter(
    StorageTables tables,
    ServiceRequestStore requests,
    RequestIndex index,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    IOptions<RoutingOptions> options,
    TimeProvider clock,
    ILogger<StaleRequestResubmitter> logger)
{
    /// <summary>One sweep at the current time over the last <see cref="RoutingOptions.ResubmitLookbackDays"/>
    /// submission days. A request that fails (storage) is logged and left to the next sweep; the others go
    /// on. Throws <see cref="RequestFailedException"/> when the marker query itself fails.</summary>
    public Task<ResubmitSummary> ResubmitAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.ResubmitAfter;
        return SweepAsync(RequestIndexEntity.Day(cutoff - TimeSpan.FromDays(options.Value.ResubmitLookbackDays)), cutoff, cancellationToken);
    }

    /// <summary>As <see cref="ResubmitAsync"/>, over every submission day (the index rebuild's catch-up for
    /// requests older than the lookback; its query reads every day partition up to the bound).</summary>
    public Task<ResubmitSummary> ResubmitAllAsync(CancellationToken cancellationToken) =>
        SweepAsync(fromDay: null, clock.GetUtcNow() - options.Value.ResubmitAfter, cancellationToken);

    private async Task<ResubmitSummary> SweepAsync(string? fromDay, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var toDay = RequestIndexEntity.Day(cutoff);
        var before = Keys.RoutingMarkerRow(cutoff, string.Empty);
        var filter = fromDay is null
            ? TableClient.CreateQueryFilter($"PartitionKey le {toDay} and RowKey ge {Keys.RoutingMarkerPrefix} and RowKey lt {before}")
            : TableClient.CreateQueryFilter($"PartitionKey ge {fromDay} and PartitionKey le {toDay} and RowKey ge {Keys.RoutingMarkerPrefix} and RowKey lt {before}");
        int found = 0, resubmitted = 0, cleared = 0;
        await foreach (var marker in tables.RequestIndex.QueryAsync<RoutingMarkerEntity>(filter, cancellationToken: cancellationToken))
        {
            found++;
            if (marker.ResubmittedAt > cutoff)
            {
                continue;
            }

            try
            {
                switch (await ResubmitOneAsync(marker, cancellationToken))
                {
                    case true:
                        resubmitted++;
                        break;
                    case false:
                        cleared++;
                        break;
                }
            }
            catch (RequestFailedException ex)
            {
                LogFailed(marker.RequestId, ex.Status, ex);
            }
        }

        if (found > 0)
        {
            LogSwept(found, resubmitted, cleared);
        }

        return new ResubmitSummary(found, resubmitted, cleared);
    }

    // true: queued again; false: the request had left Submitted and its marker was cleared; null: nothing done.
    private async Task<bool?> ResubmitOneAsync(RoutingMarkerEntity marker, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(marker.TrackingCode, cancellationToken);
        if (request is null)
        {
            LogMissing(marker.RequestId);
            return null;
        }

        if (request.Status != nameof(RequestStatus.Submitted))
        {
            // It moved on, but its index write failed (logged there) and left the marker: bring the index
            // up to date, which deletes the marker in the same transaction.
            await index.UpsertAsync(request, isNew: false, cancellationToken);
            return false;
        }

        // Note the resubmission first (if-match: a concurrent sweep or the index write that removes the
        // marker wins), then queue: a death between the two delays the request by one bound, never doubles it.
        var now = clock.GetUtcNow();
        marker.ResubmittedAt = now;
        marker.Resubmissions++;
        try
        {
            await tables.RequestIndex.UpdateEntityAsync(marker, marker.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }

        await queues.SendAsync(queueNames.Value.RequestsSubmitted, new RequestSubmitted(request.RequestId, request.PartitionKey, Resubmitted: true), cancellationToken);
        LogResubmitted(request.RequestId, (int)(now - request.SubmittedAt).TotalSeconds, marker.Resubmissions);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RequestId} still Submitted after {AgeSeconds} s: queued for routing again (time {Resubmissions})")]
    private partial void LogResubmitted(Guid requestId, int ageSeconds, int resubmissions);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stale-request sweep: {Found} markers past the bound, {Resubmitted} queued again, {Cleared} cleared")]
    private partial void LogSwept(int found, int resubmitted, int cleared);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing marker for {RequestId} names no stored request; left alone")]
    private partial void LogMissing(Guid requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stale-request sweep could not handle {RequestId} (status {StorageStatus}); the next sweep tries again")]
    private partial void LogFailed(Guid requestId, int storageStatus, Exception exception);
}

/// <summary>What one stale-request sweep did.</summary>
/// <param name="Found">Markers of requests stored before the bound (including ones queued again within it, skipped).</param>
/// <param name="Resubmitted">Requests queued for routing again.</param>
/// <param name="Cleared">Markers of requests that had left <c>Submitted</c>, removed with their index update.</param>
public sealed record ResubmitSummary(int Found, int Resubmitted, int Cleared);
