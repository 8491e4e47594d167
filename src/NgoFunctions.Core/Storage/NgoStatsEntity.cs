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
/// <c>RatingCount</c>, <c>RatingSum</c> (Int32); <c>Declined_{code}</c> per decline reason (the code's
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

    private const string DeclinedPrefix = "Declined_";
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

    // The counters' values and counting, here too so that readers and writers of the row need not
    // reach through Counters.

    /// <summary>Assignments the NGO accepted (<see cref="NgoStatsCounters.Accepted"/>).</summary>
    public int Accepted => Counters.Accepted;

    /// <summary>Assignments the NGO declined (<see cref="NgoStatsCounters.Declined"/>).</summary>
    public int Declined => Counters.Declined;

    /// <summary>Assignments the NGO let expire (<see cref="NgoStatsCounters.Expired"/>).</summary>
    public int Expired => Counters.Expired;

    /// <summary>Accepted cases the NGO started (<see cref="NgoStatsCounters.Started"/>).</summary>
    public int Started => Counters.Started;

    /// <summary>Cases the NGO resolved (<see cref="NgoStatsCounters.Resolved"/>).</summary>
    public int Resolved => Counters.Resolved;

    /// <summary>Cases the citizen cancelled while the NGO held them (<see cref="NgoStatsCounters.Cancelled"/>).</summary>
    public int Cancelled => Counters.Cancelled;

    /// <summary>Citizens' ratings of requests the NGO resolved (<see cref="NgoStatsCounters.RatingCount"/>).</summary>
    public int RatingCount => Counters.RatingCount;

    /// <summary>Sum of those ratings, 1–5 each (<see cref="NgoStatsCounters.RatingSum"/>).</summary>
    public int RatingSum => Counters.RatingSum;

    /// <summary>Declines by reason code (<see cref="NgoStatsCounters.DeclineReasons"/>).</summary>
    public IReadOnlyDictionary<string, int> DeclineReasons => Counters.DeclineReasons;

    /// <summary>Accept times, one count per <see cref="DurationHistogram"/> bucket (<see cref="NgoStatsCounters.ToAccept"/>).</summary>
    public IReadOnlyList<int> ToAccept => Counters.ToAccept;

    /// <summary>Resolve times, one count per <see cref="DurationHistogram"/> bucket (<see cref="NgoStatsCounters.ToResolve"/>).</summary>
    public IReadOnlyList<int> ToResolve => Counters.ToResolve;

    /// <summary>RowKey of the marker that the rating of <paramref name="trackingCode"/> was counted.</summary>
    public static string RatedRow(string trackingCode) => RatedPrefix + trackingCode;

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
            Accepted = Int(entity, nameof(Accepted)),
            Declined = Int(entity, nameof(Declined)),
            Expired = Int(entity, nameof(Expired)),
            Started = Int(entity, nameof(Started)),
            Resolved = Int(entity, nameof(Resolved)),
            Cancelled = Int(entity, nameof(Cancelled)),
            RatingCount = Int(entity, nameof(RatingCount)),
            RatingSum = Int(entity, nameof(RatingSum)),
        };
        foreach (var key in entity.Keys)
        {
            if (key.StartsWith(DeclinedPrefix, StringComparison.Ordinal))
            {
                counters.SetDeclineReason(key[DeclinedPrefix.Length..].Replace('_', '-'), Int(entity, key));
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

        Put(nameof(Accepted), Accepted);
        Put(nameof(Declined), Declined);
        Put(nameof(Expired), Expired);
        Put(nameof(Started), Started);
        Put(nameof(Resolved), Resolved);
        Put(nameof(Cancelled), Cancelled);
        Put(nameof(RatingCount), RatingCount);
        Put(nameof(RatingSum), RatingSum);
        foreach (var (code, count) in DeclineReasons)
        {
            Put(DeclinedPrefix + code.Replace('-', '_'), count);
        }

        for (var i = 0; i < DurationHistogram.BucketCount; i++)
        {
            Put(BucketProperty(ToAcceptPrefix, i), ToAccept[i]);
            Put(BucketProperty(ToResolvePrefix, i), ToResolve[i]);
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
