using Azure;
using Azure.Data.Tables;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Requests;

/// <summary>Reads and writes service requests in their partition (see <see cref="Keys"/>). Every
/// update carries the ETag it read, so concurrent changes fail instead of overwriting each other.
/// After every successful write the registered <see cref="IRequestCommitObserver"/>s follow (the
/// ministry's monitoring index is one), so this store needs to know none of them.</summary>
/// <param name="tables">Table clients.</param>
/// <param name="observers">Told of each committed write, in registration order.</param>
/// <param name="changeObservers">Told of the events of each change, side by side with its transaction
/// (<see cref="IRequestChangeObserver"/>: the NGO webhooks).</param>
public sealed class ServiceRequestStore(StorageTables tables, IEnumerable<IRequestCommitObserver> observers, IEnumerable<IRequestChangeObserver> changeObservers)
{
    // Resolved once: the set of observers is fixed when the container is built.
    private readonly IRequestCommitObserver[] _observers = observers.ToArray();
    private readonly IRequestChangeObserver[] _changeObservers = changeObservers.ToArray();

    /// <summary>Stores a new request with its first event in one transaction. Returns <c>false</c>
    /// when the partition (tracking code) is already taken by another request; nothing is written
    /// then. A 409 caused by the SDK retrying a try that had in fact committed counts as stored.</summary>
    public async Task<bool> TryCreateAsync(ServiceRequestEntity request, RequestEventEntity first, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Requests.SubmitTransactionAsync(
                [new(TableTransactionActionType.Add, request), new(TableTransactionActionType.Add, first)],
                cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // The SDK retries a try that timed out or failed in transit; if that try had committed,
            // the retry finds our own rows. Those are this request, stored: carry on, rather than
            // draw another code and leave a twin behind.
            if (await FindAsync(request.PartitionKey, cancellationToken) is not { } stored || stored.RequestId != request.RequestId)
            {
                return false;
            }

            request.ETag = stored.ETag;
        }

        // The ministry's index write carries the request's routing marker, which the stale-request sweep
        // finds should the routing message (queued by intake just before) be held by an instance that died.
        await NotifyAsync(request, isNew: true, cancellationToken);
        return true;
    }

    /// <summary>Whether any request is stored. A query over every partition that stops at the first
    /// request row: for start-up decisions (a local demo seeds only an empty store), never a hot path.</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {Keys.RequestRow}");
        await foreach (var _ in tables.Requests.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    /// <summary>The request with this canonical tracking code, or <c>null</c>. One point read.</summary>
    public async Task<ServiceRequestEntity?> FindAsync(string trackingCode, CancellationToken cancellationToken)
    {
        var response = await tables.Requests.GetEntityIfExistsAsync<ServiceRequestEntity>(trackingCode, Keys.RequestRow, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Event number <paramref name="sequence"/> of a request, or <c>null</c>. One point read.</summary>
    public async Task<RequestEventEntity?> FindEventAsync(string trackingCode, int sequence, CancellationToken cancellationToken)
    {
        var response = await tables.Requests.GetEntityIfExistsAsync<RequestEventEntity>(trackingCode, Keys.EventRow(sequence), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>Whether a row exists (point read, keys only).</summary>
    public async Task<bool> ExistsAsync(string trackingCode, string rowKey, CancellationToken cancellationToken)
    {
        var response = await tables.Requests.GetEntityIfExistsAsync<TableEntity>(trackingCode, rowKey, ["RowKey"], cancellationToken);
        return response.HasValue;
    }

    /// <summary>The whole story of a request, or <c>null</c> when there is none: one query of the
    /// request's partition (one storage transaction). Its rows come in one response, so they agree with
    /// each other: a change commits the request row with its event and assignment in one transaction, and
    /// a read never sees one of them without the others (reads run side by side could, and then refused
    /// a repeated accept as a conflict).</summary>
    public async Task<RequestHistory?> GetHistoryAsync(string trackingCode, CancellationToken cancellationToken)
    {
        ServiceRequestEntity? request = null;
        var events = new List<RequestEventEntity>();
        var assignments = new List<AssignmentEntity>();
        var notifications = new List<NotificationEntity>();
        FeedbackEntity? feedback = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {trackingCode}");
        await foreach (var row in tables.Requests.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            // RowKey order: assignments, events, notifications, then the request row; each list in order.
            if (row.RowKey == Keys.RequestRow)
            {
                request = FromTableEntity<ServiceRequestEntity>(row);
            }
            else if (row.RowKey.StartsWith(Keys.EventPrefix, StringComparison.Ordinal))
            {
                events.Add(FromTableEntity<RequestEventEntity>(row));
            }
            else if (row.RowKey.StartsWith(Keys.AssignmentPrefix, StringComparison.Ordinal))
            {
                assignments.Add(FromTableEntity<AssignmentEntity>(row));
            }
            else if (row.RowKey.StartsWith(Keys.NotificationPrefix, StringComparison.Ordinal))
            {
                notifications.Add(FromTableEntity<NotificationEntity>(row));
            }
            else if (row.RowKey == RequestFeedback.FeedbackRow)
            {
                feedback = FromTableEntity<FeedbackEntity>(row);
            }
        }

        return request is null ? null : new RequestHistory(request, events, assignments, notifications, feedback);
    }

    /// <summary>Updates <paramref name="request"/> (if-match its ETag) and adds <paramref name="additions"/>
    /// in one transaction. Throws <see cref="TableTransactionFailedException"/> with status 412 when
    /// the request changed since it was read, 409 when an added row exists; nothing is written then.</summary>
    public Task CommitAsync(ServiceRequestEntity request, IEnumerable<ITableEntity> additions, CancellationToken cancellationToken) =>
        CommitAsync(request, (ITableEntity?)null, additions, cancellationToken);

    /// <summary>As <see cref="CommitAsync(ServiceRequestEntity, IEnumerable{ITableEntity}, CancellationToken)"/>,
    /// also replacing <paramref name="replaced"/> (a row of the same partition, e.g. the assignment an
    /// NGO answered) if-match its ETag, so the row's state and the audit trail always agree. Throws
    /// <see cref="TableTransactionFailedException"/> with status 412 when either row changed since it was read.</summary>
    public Task CommitAsync(ServiceRequestEntity request, ITableEntity? replaced, IEnumerable<ITableEntity> additions, CancellationToken cancellationToken) =>
        CommitAsync(request, replaced is null ? [] : [replaced], additions, cancellationToken);

    /// <summary>As <see cref="CommitAsync(ServiceRequestEntity, ITableEntity, IEnumerable{ITableEntity}, CancellationToken)"/>
    /// for several rows of the same partition replaced, each if-match its ETag (at most 99 rows in all).</summary>
    public async Task CommitAsync(ServiceRequestEntity request, IReadOnlyList<ITableEntity> replaced, IEnumerable<ITableEntity> additions, CancellationToken cancellationToken)
    {
        var added = additions.ToList();
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, request, request.ETag) };
        actions.AddRange(replaced.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, r.ETag)));
        actions.AddRange(added.Select(a => new TableTransactionAction(TableTransactionActionType.Add, a)));
        // Side by side with the transaction, not after it: a change's follower message exists even when
        // the process dies right after the commit, at no extra wait (see IRequestChangeObserver).
        var following = FollowAsync(request, added.OfType<RequestEventEntity>().ToList(), cancellationToken);
        Response<IReadOnlyList<Response>> response;
        try
        {
            response = await tables.Requests.SubmitTransactionAsync(actions, cancellationToken);
        }
        finally
        {
            await following;
        }

        request.ETag = response.Value[0].Headers.ETag ?? request.ETag;
        for (var i = 0; i < replaced.Count; i++)
        {
            replaced[i].ETag = response.Value[i + 1].Headers.ETag ?? replaced[i].ETag;
        }

        await NotifyAsync(request, isNew: false, cancellationToken);
    }

    /// <summary>Adds one row to a request's partition; <c>false</c> when it exists already.</summary>
    public async Task<bool> TryAddAsync(ITableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await tables.Requests.AddEntityAsync(row, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private async Task FollowAsync(ServiceRequestEntity request, IReadOnlyList<RequestEventEntity> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        foreach (var observer in _changeObservers)
        {
            await observer.CommittingAsync(request, events, cancellationToken);
        }
    }

    private async Task NotifyAsync(ServiceRequestEntity request, bool isNew, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            await observer.CommittedAsync(request, isNew, cancellationToken);
        }
    }

    // A row read untyped (one query over several row kinds), as its typed entity: every public settable
    // property of T that the row holds, converted to the property's type.
    private static T FromTableEntity<T>(TableEntity row)
        where T : class, ITableEntity, new()
    {
        var entity = new T { PartitionKey = row.PartitionKey, RowKey = row.RowKey, Timestamp = row.Timestamp, ETag = row.ETag };
        foreach (var property in typeof(T).GetProperties())
        {
            if (!property.CanWrite || property.Name is nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey)
                or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)
                || !row.TryGetValue(property.Name, out var value) || value is null)
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(entity, value switch
            {
                _ when type.IsInstanceOfType(value) => value,
                DateTime dateTime when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
                string text when type == typeof(Guid) => Guid.Parse(text),
                string text when type.IsEnum => Enum.Parse(type, text),
                _ => Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        return entity;
    }
}
