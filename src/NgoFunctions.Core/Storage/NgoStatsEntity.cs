using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Ministry.Aggregates;

namespace NgoFunctions.Core.Storage;

/// <summary>The table row of an NGO's performance counters for the ministry (NgoCases, PK = NGO id, RK <c>stats</c>),
/// kept on every transition instead of counted from the requests: each counter changes in the SAME
/// entity-group transaction as the case row (and open-case counter) change the transition already
/// makes, if-match this row's ETag, so a transition counts exactly once however often it is repeated
/// or raced. The rating, whose transition has no NGO-side write of its own, adds one transaction: this
/// row and a <c>rated-{tracking code}</c> marker row (<see cref="RatedRow"/>), so a rating counts once
/// (<see cref="Routing.NgoCaseStore.CountRatingOnceAsync"/>).
/// No personal data: counts, decline reason codes and duration histograms only. What a transition adds
/// is <see cref="NgoStatsCounters"/>' business; this type maps the counters to and from the row.</summary>
/// <remarks>
/// Stored as a <see cref="TableEntity"/> (the number of buckets and reason codes is data, not code):
/// <c>Accepted</c>, <c>Declined</c>, <c>Expired</c>, <c>Started</c>, <c>Resolved</c>, <c>Cancelled</c>,
/// <c>RatingCount</c>, <c>RatingSum</c>, <c>Successful</c>, <c>ClosedConfirmed</c>, <c>ClosedUnconfirmed</c>,
/// <c>Disputed</c> (Int32); <c>NotSuccessful_{code}</c> per not-successful resolution reason;
/// <c>Declined_{code}</c> per decline reason (the code's
/// <c>-</c> written <c>_</c>, a property name allows no hyphen); <c>ToAccept00</c>..<c>ToAccept41</c> and
/// <c>ToResolve00</c>..<c>ToResolve41</c>, one counter per bucket of <see cref="DurationHistogram"/>.
/// Zero counters are not written. A row that does not exist reads as all zeros.
/// </remarks>
public sealed class NgoStatsEntity
{
    /// <summary>RowKey of the stats row in the NGO's NgoCases partition.</summary>
    public const string Row = "stats";

    /// <summary>RowKey prefix of the marker that a request's rating was counted (sorts outside the
    /// case ranges <c>[case-, closed.)</c> and away from <c>load</c> and <c>stats</c>).</summary>
    public const string RatedPrefix = "rated-";

    /// <summary>RowKey prefix of the marker that an event of a request was counted
    /// (<see cref="Routing.NgoCaseStore.CountEventOnceAsync"/>); sorts after the closed cases' range end <c>closed.</c>.</summary>
    public const string CountedPrefix = "counted-";

    private const string DeclinedPrefix = "Declined_";
    private const string NotSuccessfulPrefix = "NotSuccessful_";
    private const string ToAcceptPrefix = "ToAccept";
    private const string ToResolvePrefix = "ToResolve";

    private NgoStatsEntity(string ngoId, ETag etag, NgoStatsCounters counters)
    {
        NgoId = ngoId;
        ETag = etag;
        Counters = counters;
    }

    /// <summary>The NGO (PartitionKey).</summary>
    public string NgoId { get; }

    /// <summary>The stored row's ETag; <c>default</c> when the row does not exist yet.</summary>
    public ETag ETag { get; }

    /// <summary>The counters the row holds; counting a transition changes them, <see cref="ToAction"/> stores them.</summary>
    public NgoStatsCounters Counters { get; }

    /// <summary>RowKey of the marker that the rating of <paramref name="trackingCode"/> was counted.</summary>
    public static string RatedRow(string trackingCode) => RatedPrefix + trackingCode;

    /// <summary>RowKey of the marker that event <paramref name="eventSequence"/> of <paramref name="trackingCode"/> was counted.</summary>
    public static string CountedRow(string trackingCode, int eventSequence) => $"{CountedPrefix}{trackingCode}-{eventSequence:D4}";

    /// <summary>All zeros, not stored yet.</summary>
    public static NgoStatsEntity Empty(string ngoId) => new(ngoId, default, new NgoStatsCounters());

    /// <summary>The stored row, or <see cref="Empty"/> when there is none. One point read of
    /// <paramref name="ngoCases"/>; the application reads it through <see cref="Routing.NgoCaseStore.GetStatsAsync"/>.</summary>
    public static async Task<NgoStatsEntity> ReadAsync(TableClient ngoCases, string ngoId, CancellationToken cancellationToken)
    {
        var found = await ngoCases.GetEntityIfExistsAsync<TableEntity>(ngoId, Row, cancellationToken: cancellationToken);
        return found.HasValue ? From(found.Value!) : Empty(ngoId);
    }

    /// <summary>Reads a stored row.</summary>
    public static NgoStatsEntity From(TableEntity entity)
    {
        var counters = new NgoStatsCounters
        {
            Accepted = Int(entity, nameof(NgoStatsCounters.Accepted)),
            Declined = Int(entity, nameof(NgoStatsCounters.Declined)),
            Expired = Int(entity, nameof(NgoStatsCounters.Expired)),
            Started = Int(entity, nameof(NgoStatsCounters.Started)),
            Resolved = Int(entity, nameof(NgoStatsCounters.Resolved)),
            Cancelled = Int(entity, nameof(NgoStatsCounters.Cancelled)),
            RatingCount = Int(entity, nameof(NgoStatsCounters.RatingCount)),
            RatingSum = Int(entity, nameof(NgoStatsCounters.RatingSum)),
            Successful = Int(entity, nameof(NgoStatsCounters.Successful)),
            ClosedConfirmed = Int(entity, nameof(NgoStatsCounters.ClosedConfirmed)),
            ClosedUnconfirmed = Int(entity, nameof(NgoStatsCounters.ClosedUnconfirmed)),
            Disputed = Int(entity, nameof(NgoStatsCounters.Disputed)),
        };
        foreach (var key in entity.Keys)
        {
            if (key.StartsWith(DeclinedPrefix, StringComparison.Ordinal))
            {
                counters.SetDeclineReason(key[DeclinedPrefix.Length..].Replace('_', '-'), Int(entity, key));
            }
            else if (key.StartsWith(NotSuccessfulPrefix, StringComparison.Ordinal))
            {
                counters.SetNotSuccessfulReason(key[NotSuccessfulPrefix.Length..].Replace('_', '-'), Int(entity, key));
            }
        }

        for (var i = 0; i < DurationHistogram.BucketCount; i++)
        {
            counters.SetToAccept(i, Int(entity, BucketProperty(ToAcceptPrefix, i)));
            counters.SetToResolve(i, Int(entity, BucketProperty(ToResolvePrefix, i)));
        }

        return new NgoStatsEntity(entity.PartitionKey, entity.ETag, counters);
    }

    /// <summary>The row to store (zero counters left out).</summary>
    public TableEntity ToTableEntity()
    {
        var entity = new TableEntity(NgoId, Row);
        void Put(string name, int value)
        {
            if (value != 0)
            {
                entity[name] = value;
            }
        }

        Put(nameof(NgoStatsCounters.Accepted), Counters.Accepted);
        Put(nameof(NgoStatsCounters.Declined), Counters.Declined);
        Put(nameof(NgoStatsCounters.Expired), Counters.Expired);
        Put(nameof(NgoStatsCounters.Started), Counters.Started);
        Put(nameof(NgoStatsCounters.Resolved), Counters.Resolved);
        Put(nameof(NgoStatsCounters.Cancelled), Counters.Cancelled);
        Put(nameof(NgoStatsCounters.RatingCount), Counters.RatingCount);
        Put(nameof(NgoStatsCounters.RatingSum), Counters.RatingSum);
        Put(nameof(NgoStatsCounters.Successful), Counters.Successful);
        Put(nameof(NgoStatsCounters.ClosedConfirmed), Counters.ClosedConfirmed);
        Put(nameof(NgoStatsCounters.ClosedUnconfirmed), Counters.ClosedUnconfirmed);
        Put(nameof(NgoStatsCounters.Disputed), Counters.Disputed);
        foreach (var (code, count) in Counters.DeclineReasons)
        {
            Put(DeclinedPrefix + code.Replace('-', '_'), count);
        }

        foreach (var (code, count) in Counters.NotSuccessfulReasons)
        {
            Put(NotSuccessfulPrefix + code.Replace('-', '_'), count);
        }

        for (var i = 0; i < DurationHistogram.BucketCount; i++)
        {
            Put(BucketProperty(ToAcceptPrefix, i), Counters.ToAccept[i]);
            Put(BucketProperty(ToResolvePrefix, i), Counters.ToResolve[i]);
        }

        return entity;
    }

    /// <summary>The transaction action that writes this row as changed: an insert when it was not
    /// stored (fails 409 if another writer inserted it meanwhile), else a replace if-match the ETag read
    /// (fails 412 if another writer changed it). Either failure fails the whole transaction.</summary>
    public TableTransactionAction ToAction() => ETag == default
        ? new(TableTransactionActionType.Add, ToTableEntity())
        : new(TableTransactionActionType.UpdateReplace, ToTableEntity(), ETag);

    private static string BucketProperty(string prefix, int bucket) => $"{prefix}{bucket:D2}";

    private static int Int(TableEntity entity, string name) => entity.TryGetValue(name, out var value) && value is not null
        ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
        : 0;
}
