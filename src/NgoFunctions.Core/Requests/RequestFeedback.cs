using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Routing;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Requests;

/// <summary>The citizen's 1–5 rating of a resolved request and an optional comment. One rating per
/// request; the rating and its <c>Feedback</c> event (with the NGO that resolved the request) are
/// written in one transaction, then the rating is counted once in that NGO's
/// <see cref="NgoStatsEntity"/> for the ministry (a second transaction, in the NGO's partition, with a
/// marker row that makes it count once; a repeated rating finishes a count a stopped process left undone).</summary>
public sealed class RequestFeedback(ServiceRequestStore store, StorageTables tables, NgoCaseStore ngoCases, TimeProvider clock)
{
    /// <summary>RowKey of the feedback row.</summary>
    public const string FeedbackRow = "feedback";

    /// <summary>Longest comment, in characters.</summary>
    public const int CommentMax = 1000;

    private const int Attempts = 5;

    /// <summary>Records <paramref name="rating"/> (1–5) for a resolved or closed request.</summary>
    public async Task<FeedbackOutcome> RateAsync(string trackingCode, int rating, CancellationToken cancellationToken)
    {
        if (rating is < 1 or > 5)
        {
            return FeedbackOutcome.NotAllowed;
        }

        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var request = await store.FindAsync(trackingCode, cancellationToken);
            if (request is null || request.Status is not (nameof(RequestStatus.Resolved) or nameof(RequestStatus.Closed)))
            {
                return FeedbackOutcome.NotAllowed;
            }

            // The rating alone: the comment is the citizen's own words and is not needed here.
            var existing = await tables.Requests.GetEntityIfExistsAsync<FeedbackEntity>(
                trackingCode, FeedbackRow, [nameof(FeedbackEntity.Rating), nameof(FeedbackEntity.RatedAt)], cancellationToken);
            if (existing.HasValue)
            {
                await CountForNgoAsync(request.AssignedNgoId, trackingCode, existing.Value!, cancellationToken);
                return FeedbackOutcome.AlreadyRated;
            }

            var at = clock.GetUtcNow();
            var feedback = new FeedbackEntity { PartitionKey = trackingCode, RowKey = FeedbackRow, Rating = rating, RatedAt = at };
            var note = RequestChanges.Note(request, "Feedback", "citizen", at, $"rating={rating}");
            note.NgoId = request.AssignedNgoId;
            try
            {
                await store.CommitAsync(request, [feedback, note], cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // Rated meanwhile (409), or the request changed (412): look again.
                continue;
            }

            await CountForNgoAsync(request.AssignedNgoId, trackingCode, feedback, cancellationToken);
            return FeedbackOutcome.Recorded;
        }

        throw new InvalidOperationException("The request kept changing while being rated.");
    }

    // The NGO that resolved the request is the one it is still assigned to (only a decline or an
    // expiry clears the assignment, and neither can follow a resolution).
    private Task CountForNgoAsync(string? ngoId, string trackingCode, FeedbackEntity feedback, CancellationToken cancellationToken) =>
        ngoId is null
            ? Task.CompletedTask
            : ngoCases.CountRatingOnceAsync(ngoId, trackingCode, feedback.Rating, feedback.RatedAt, cancellationToken);

    /// <summary>Adds the comment to an existing rating (trimmed to <see cref="CommentMax"/> characters).</summary>
    public async Task CommentAsync(string trackingCode, string comment, CancellationToken cancellationToken)
    {
        var text = comment.Trim();
        try
        {
            await tables.Requests.UpdateEntityAsync(
                new TableEntity(trackingCode, FeedbackRow) { [nameof(FeedbackEntity.Comment)] = text.Length > CommentMax ? text[..CommentMax] : text },
                ETag.All,
                TableUpdateMode.Merge,
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No rating to comment on: nothing to keep.
        }
    }
}

/// <summary>What became of a rating.</summary>
public enum FeedbackOutcome
{
    /// <summary>Stored.</summary>
    Recorded,

    /// <summary>The request has a rating already.</summary>
    AlreadyRated,

    /// <summary>Not resolved (or no such request, or not 1–5).</summary>
    NotAllowed,
}
