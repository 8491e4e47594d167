using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Routing;

namespace NgoFunctions.Core.Requests;

/// <summary>The citizen withdraws a request: allowed until it is resolved (lifecycle of the design
/// handbook). The status change and its event are one ETag-checked transaction; then the NGO's place
/// is freed and given to the next request in line (<see cref="WaitlistFiller"/>), or a waiting request
/// leaves the <see cref="Waitlist"/>, and the citizen's notification is queued. Cancelling again changes nothing.</summary>
public sealed class RequestCancellation(
    ServiceRequestStore store, NgoCaseBook cases, Waitlist waitlist, WaitlistFiller filler, RequestFollowUps followUps, TimeProvider clock)
{
    private const int Attempts = 5;

    /// <summary>Cancels the request with this canonical tracking code.</summary>
    public async Task<CancellationOutcome> CancelAsync(string trackingCode, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var request = await store.FindAsync(trackingCode, cancellationToken);
            if (request is null)
            {
                return CancellationOutcome.NotFound;
            }

            var status = Enum.Parse<RequestStatus>(request.Status);
            var at = clock.GetUtcNow();
            if (status == RequestStatus.Cancelled)
            {
                await FreePlaceAsync(request.AssignedNgoId, trackingCode, at, cancellationToken);
                return CancellationOutcome.Cancelled;
            }

            if (!RequestStatusTransitions.IsAllowed(status, RequestStatus.Cancelled))
            {
                return CancellationOutcome.NotAllowed;
            }

            var wasWaiting = status is RequestStatus.Waitlisted or RequestStatus.Unroutable;
            var change = RequestChanges.ChangeStatus(request, RequestStatus.Cancelled, "citizen", at, request.AssignedNgoId);
            try
            {
                await store.CommitAsync(request, [change], cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                continue;
            }

            if (wasWaiting)
            {
                await waitlist.LeaveAsync(request, cancellationToken);
            }

            await FreePlaceAsync(request.AssignedNgoId, trackingCode, at, cancellationToken);
            await followUps.NotifyAsync(request, change, cancellationToken);
            return CancellationOutcome.Cancelled;
        }

        throw new InvalidOperationException("The request kept changing while being cancelled.");
    }

    private async Task FreePlaceAsync(string? ngoId, string trackingCode, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (ngoId is not null)
        {
            await cases.SyncAsync(ngoId, trackingCode, RequestStatus.Cancelled, at, cancellationToken);
            await filler.PlaceFreedAsync(ngoId, cancellationToken);
        }
    }
}

/// <summary>What became of a cancellation.</summary>
public enum CancellationOutcome
{
    /// <summary>The request is cancelled (now or before).</summary>
    Cancelled,

    /// <summary>Too late: resolved or closed.</summary>
    NotAllowed,

    /// <summary>No such request.</summary>
    NotFound,
}
