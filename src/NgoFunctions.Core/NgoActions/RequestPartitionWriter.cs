using Azure.Data.Tables;
using NgoFunctions.Core.Ministry;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>Writes a change of a request together with a change of its assignment: both rows
/// replaced if-match their ETags and the events added, in one transaction of the request's partition,
/// so an assignment's state and the audit trail always agree. The ministry's monitoring index follows
/// every commit.</summary>
public sealed class RequestPartitionWriter(StorageTables tables, ServiceRequestStore requests, RequestIndex index)
{
    /// <summary>Commits <paramref name="request"/>, <paramref name="assignment"/> (when given) and
    /// <paramref name="events"/>. Throws <see cref="TableTransactionFailedException"/> with status 412
    /// when either row changed since it was read (nothing is written then).</summary>
    public async Task CommitAsync(
        ServiceRequestEntity request, AssignmentEntity? assignment, IReadOnlyList<RequestEventEntity> events, CancellationToken cancellationToken)
    {
        if (assignment is null)
        {
            await requests.CommitAsync(request, events, cancellationToken);
            return;
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, request, request.ETag),
            new(TableTransactionActionType.UpdateReplace, assignment, assignment.ETag),
        };
        actions.AddRange(events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)));
        var response = await tables.Requests.SubmitTransactionAsync(actions, cancellationToken);
        request.ETag = response.Value[0].Headers.ETag ?? request.ETag;
        assignment.ETag = response.Value[1].Headers.ETag ?? assignment.ETag;
        await index.UpsertAsync(request, isNew: false, cancellationToken);
    }
}
