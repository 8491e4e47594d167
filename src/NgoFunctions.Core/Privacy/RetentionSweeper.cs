using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Privacy;

/// <summary>The retention sweep (timer <c>ApplyRetention</c>): erases the personal data of every request
/// that reached a final status more than <see cref="RetentionOptions.PersonalDataDays"/> ago
/// (<see cref="PersonalDataEraser"/>), and deletes bot drafts abandoned for
/// <see cref="RetentionOptions.DraftDays"/>, and the rows of client addresses idle for a whole
/// <see cref="IntakeLimitOptions.WindowSeconds"/> (<see cref="AddressWindow"/>). Finds the requests through their erasure markers
/// (<see cref="ErasureMarkerEntity"/>) with one query over the RequestIndex days up to the bound (a
/// request final before the bound was submitted before it), reading markers only; an erased request's
/// marker goes with its index row's next write. Idempotent: a run stopped half-way is finished by the next.</summary>
public sealed partial class RetentionSweeper(
    StorageTables tables,
    PersonalDataEraser eraser,
    ConversationStore conversations,
    AddressWindow addresses,
    IOptions<IntakeLimitOptions> limits,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionSweeper> logger)
{
    /// <summary>One sweep at the current time. A request that fails (storage) is logged and left to the
    /// next sweep; the others go on. Throws <see cref="RequestFailedException"/> when a query itself fails.</summary>
    public async Task<RetentionSummary> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var bound = now - options.Value.PersonalData;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey le {RequestIndexEntity.Day(bound)} and RowKey ge {Keys.ErasureMarkerPrefix} and RowKey lt {Keys.ErasureMarkersEnd} and FinalAt le {bound}");
        int erased = 0, failed = 0;
        await foreach (var marker in tables.RequestIndex.QueryAsync<ErasureMarkerEntity>(filter, cancellationToken: cancellationToken))
        {
            try
            {
                if (await eraser.EraseRequestAsync(marker.TrackingCode, ErasureReason.Retention, "system", cancellationToken) == ErasureOutcome.Erased)
                {
                    erased++;
                }
            }
            catch (RequestFailedException ex)
            {
                failed++;
                LogFailed(marker.RequestId, ex.Status, ex);
            }
        }

        var drafts = await conversations.DeleteAbandonedDraftsAsync(now - options.Value.Drafts, cancellationToken);

        // Client address rows (keyed hashes) of addresses that sent nothing for a whole window count nothing any more.
        var addressRows = await addresses.DeleteIdleAsync(now - limits.Value.Window, cancellationToken);
        if (addressRows > 0)
        {
            LogAddressRows(addressRows);
        }
        if (erased + failed + drafts > 0)
        {
            LogSwept(erased, failed, drafts);
        }

        return new RetentionSummary(erased, failed, drafts);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention: erasing request {RequestId} failed (storage status {Status}); the next sweep tries again")]
    private partial void LogFailed(Guid requestId, int status, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: {Rows} idle client address rows deleted")]
    private partial void LogAddressRows(int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: personal data of {Erased} requests erased ({Failed} failed), {Drafts} abandoned drafts deleted")]
    private partial void LogSwept(int erased, int failed, int drafts);
}

/// <summary>What one retention sweep did.</summary>
/// <param name="Erased">Requests whose personal data was erased.</param>
/// <param name="Failed">Requests left for the next sweep after a storage failure.</param>
/// <param name="DraftsDeleted">Abandoned bot drafts deleted.</param>
public sealed record RetentionSummary(int Erased, int Failed, int DraftsDeleted);
