using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Ministry.Aggregates;

namespace NgoFunctions.Core.Storage;

/// <summary>An NGO's performance counters for the ministry (NgoCases, PK = NGO id, RK <c>stats</c>),
/// kept on every transition instead of counted from the requests: each counter changes in the SAME
/// entity-group transaction as the case row (and open-case counter) change the transition already
/// makes, if-match this row's ETag, so a transition counts exactly once however often it is repeated
/// or raced. The rating, whose transition has no NGO-side write of its own, adds one transaction: this
/// row and a <c>rated-{tracking code}</c> marker row (<see cref="RatedRow"/>), so a rating counts once
/// (<see cref="Routing.NgoCaseStore.CountRatingOnceAsync"/>).
/// No personal data: counts, decline reason codes and duration histograms only.</summary>
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

    private readonly int[] _toAccept = new int[DurationHistogram.BucketCount];
    private readonly int[] _toResolve = new int[DurationHistogram.BucketCount];
    private readonly Dictionary<string, int> _declineReasons = new(StringComparer.Ordinal);

    private NgoStatsEntity(string ngoId, ETag etag)
    {
        NgoId = ngoId;
        ETag = etag;
    }

    /// <summary>The NGO (PartitionKey).</summary>
    public string NgoId { get; }

    /// <summary>The stored row's ETag; <c>default</c> when the row does not exist yet.</summary>
    public ETag ETag { get; }

    /// <summary>Assignments the NGO accepted.</summary>
    public int Accepted { get; private set; }

    /// <summary>Assignments the NGO declined.</summary>
    public int Declined { get; private set; }

    /// <summary>Assignments the NGO let expire (the SLA sweep ended them).</summary>
    public int Expired { get; private set; }

    /// <summary>Accepted cases the NGO started (InProgress).</summary>
    public int Started { get; private set; }

    /// <summary>Cases the NGO resolved.</summary>
    public int Resolved { get; private set; }

    /// <summary>Cases the citizen cancelled while the NGO held them.</summary>
    public int Cancelled { get; private set; }

    /// <summary>Citizens' ratings of requests the NGO resolved.</summary>
    public int RatingCount { get; private set; }

    /// <summary>Sum of those ratings (1–5 each).</summary>
    public int RatingSum { get; private set; }

    /// <summary>Declines by reason code.</summary>
    public IReadOnlyDictionary<string, int> DeclineReasons => _declineReasons;

    /// <summary>Accept times (assignment made → accepted), one count per <see cref="DurationHistogram"/> bucket.</summary>
    public IReadOnlyList<int> ToAccept => _toAccept;

    /// <summary>Resolve times (accepted → resolved), one count per <see cref="DurationHistogram"/> bucket.</summary>
    public IReadOnlyList<int> ToResolve => _toResolve;

    /// <summary>RowKey of the marker that the rating of <paramref name="trackingCode"/> was counted.</summary>
    public static string RatedRow(string trackingCode) => RatedPrefix + trackingCode;

    /// <summary>All zeros, not stored yet.</summary>
    public static NgoStatsEntity Empty(string ngoId) => new(ngoId, default);

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
        var stats = new NgoStatsEntity(entity.PartitionKey, entity.ETag)
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
                stats._declineReasons[key[DeclinedPrefix.Length..].Replace('_', '-')] = Int(entity, key);
            }
        }

        for (var i = 0; i < DurationHistogram.BucketCount; i++)
        {
            stats._toAccept[i] = Int(entity, BucketProperty(ToAcceptPrefix, i));
            stats._toResolve[i] = Int(entity, BucketProperty(ToResolvePrefix, i));
        }

        return stats;
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
        foreach (var (code, count) in _declineReasons)
        {
            Put(DeclinedPrefix + code.Replace('-', '_'), count);
        }

        for (var i = 0; i < DurationHistogram.BucketCount; i++)
        {
            Put(BucketProperty(ToAcceptPrefix, i), _toAccept[i]);
            Put(BucketProperty(ToResolvePrefix, i), _toResolve[i]);
        }

        return entity;
    }

    /// <summary>The transaction action that writes this row as changed: an insert when it was not
    /// stored (fails 409 if another writer inserted it meanwhile), else a replace if-match the ETag read
    /// (fails 412 if another writer changed it). Either failure fails the whole transaction.</summary>
    public TableTransactionAction ToAction() => ETag == default
        ? new(TableTransactionActionType.Add, ToTableEntity())
        : new(TableTransactionActionType.UpdateReplace, ToTableEntity(), ETag);

    /// <summary>Counts an acceptance; <paramref name="toAccept"/> (assignment made → accepted) when known.</summary>
    public void CountAccepted(TimeSpan? toAccept)
    {
        Accepted++;
        if (toAccept is { } elapsed)
        {
            _toAccept[DurationHistogram.BucketOf(elapsed)]++;
        }
    }

    /// <summary>Counts a decline with its reason code (<c>other</c> when none was given).</summary>
    public void CountDeclined(string? reason)
    {
        Declined++;
        var code = string.IsNullOrWhiteSpace(reason) ? "other" : reason;
        _declineReasons[code] = _declineReasons.GetValueOrDefault(code) + 1;
    }

    /// <summary>Counts an assignment the NGO let expire.</summary>
    public void CountExpired() => Expired++;

    /// <summary>Counts a case the NGO started.</summary>
    public void CountStarted() => Started++;

    /// <summary>Counts a resolution; <paramref name="toResolve"/> (accepted → resolved) when known.</summary>
    public void CountResolved(TimeSpan? toResolve)
    {
        Resolved++;
        if (toResolve is { } elapsed)
        {
            _toResolve[DurationHistogram.BucketOf(elapsed)]++;
        }
    }

    /// <summary>Counts a case cancelled while the NGO held it.</summary>
    public void CountCancelled() => Cancelled++;

    /// <summary>Counts a citizen's rating (1–5).</summary>
    public void CountRating(int rating)
    {
        RatingCount++;
        RatingSum += rating;
    }

    private static string BucketProperty(string prefix, int bucket) => $"{prefix}{bucket:D2}";

    private static int Int(TableEntity entity, string name) => entity.TryGetValue(name, out var value) && value is not null
        ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
        : 0;
}
