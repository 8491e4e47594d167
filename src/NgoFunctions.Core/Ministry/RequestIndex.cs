using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Ministry;

/// <summary>Keeps the ministry's monitoring index (<see cref="RequestIndexEntity"/>) in step with the
/// requests, and reads it. Writes follow a committed change of the request, so the index can only
/// trail the request, never run ahead of it.</summary>
public sealed partial class RequestIndex(StorageTables tables, ILogger<RequestIndex> logger)
{
    private const int WriteAttempts = 5;

    /// <summary>Writes <paramref name="request"/>'s current state to the index. Idempotent, and never
    /// goes backwards: when the stored row has as many events or more (a newer state written by a
    /// concurrent change), nothing is written. <paramref name="isNew"/> skips the read for a request
    /// just created (one call instead of two). A storage failure is logged, not thrown: the request's
    /// change is already committed and must not be reported as failed because its index row lags.</summary>
    public async Task UpsertAsync(Storage.ServiceRequestEntity request, bool isNew, CancellationToken cancellationToken)
    {
        var row = RequestIndexEntity.From(request);
        try
        {
            for (var attempt = 0; attempt < WriteAttempts; attempt++)
            {
                if (isNew && attempt == 0)
                {
                    if (await TryAddAsync(row, cancellationToken))
                    {
                        return;
                    }

                    continue;
                }

                var stored = await tables.RequestIndex.GetEntityIfExistsAsync<RequestIndexEntity>(
                    row.PartitionKey, row.RowKey, [nameof(RequestIndexEntity.EventCount)], cancellationToken);
                if (!stored.HasValue)
                {
                    if (await TryAddAsync(row, cancellationToken))
                    {
                        return;
                    }

                    continue;
                }

                if (stored.Value!.EventCount >= row.EventCount)
                {
                    return;
                }

                try
                {
                    await tables.RequestIndex.UpdateEntityAsync(row, stored.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                    return;
                }
                catch (RequestFailedException ex) when (ex.Status == 412)
                {
                    // Another change wrote the row between our read and write: read again and compare.
                }
            }

            LogGaveUp(logger, request.RequestId, row.EventCount);
        }
        catch (RequestFailedException ex)
        {
            LogFailed(logger, ex, request.RequestId, ex.Status);
        }
    }

    /// <summary>One page of index rows matching <paramref name="filter"/> (an OData filter built with
    /// <see cref="TableClient.CreateQueryFilter(FormattableString)"/>), in PartitionKey (day) then
    /// tracking-code order, and the storage continuation token of the next page (<c>null</c> at the end).
    /// A page may hold fewer than <paramref name="pageSize"/> rows, even none, while a token follows.
    /// Throws <see cref="RequestFailedException"/> with status 400 for a token storage rejects.</summary>
    public async Task<(IReadOnlyList<RequestIndexEntity> Rows, string? Next)> PageAsync(
        string filter, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        await foreach (var page in tables.RequestIndex.QueryAsync<RequestIndexEntity>(filter, pageSize, cancellationToken: cancellationToken)
                           .AsPages(continuationToken, pageSize))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Every index row matching <paramref name="filter"/>, with only <paramref name="select"/>
    /// properties (all when <c>null</c>).</summary>
    public async Task<List<RequestIndexEntity>> AllAsync(string filter, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        var rows = new List<RequestIndexEntity>();
        await foreach (var row in tables.RequestIndex.QueryAsync<RequestIndexEntity>(filter, select: select, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<bool> TryAddAsync(RequestIndexEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await tables.RequestIndex.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request index not updated for {RequestId} (status {StorageStatus}); it trails the request until its next change")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid requestId, int storageStatus);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request index write for {RequestId} (event {EventCount}) lost every race; it trails the request until its next change")]
    private static partial void LogGaveUp(ILogger logger, Guid requestId, int eventCount);
}
