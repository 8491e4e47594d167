using Azure.Data.Tables;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Intake;

/// <summary>Records a submission that <see cref="PhoneLookup"/> found to be an open request again: a
/// <c>DuplicateSubmitted</c> event on that request, and its count, which the ministry's stats sum
/// (<see cref="RequestChanges.DuplicateSubmitted"/>), in one transaction with the request row (if-match its
/// ETag; a lost race reads again). A repeat under the same idempotency key (a bot draft's Confirm
/// delivered twice) is recorded once.</summary>
public sealed class DuplicateSubmissions(ServiceRequestStore requests, TimeProvider clock)
{
    private const int Attempts = 8;

    /// <summary>Records the repeat on the request <paramref name="trackingCode"/> and returns it as stored
    /// now; <c>null</c> when it is no longer open (it closed a moment ago: the submission is new after all).
    /// Throws <see cref="TimeoutException"/> when every try lost a race, and
    /// <see cref="Azure.RequestFailedException"/> when storage fails.</summary>
    public async Task<ServiceRequestEntity?> RecordAsync(
        string trackingCode, RequestChannel channel, TrackingCode? idempotencyKey, CancellationToken cancellationToken)
    {
        var detail = idempotencyKey is { } key ? $"{channel}|{key.Value}" : channel.ToString();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (await requests.GetHistoryAsync(trackingCode, cancellationToken) is not { } history || !PhoneLookup.IsOpen(history.Request))
            {
                return null;
            }

            if (idempotencyKey is not null && history.Events.Any(e => e.Type == RequestChanges.DuplicateSubmittedEvent && e.Detail == detail))
            {
                return history.Request;
            }

            var request = history.Request;
            var repeat = RequestChanges.DuplicateSubmitted(request, clock.GetUtcNow(), detail);
            try
            {
                await requests.CommitAsync(request, [repeat], cancellationToken);
                return request;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                // The request changed since it was read (routed, accepted, another repeat): again.
            }
        }

        throw new TimeoutException("Recording a repeated submission lost every race.");
    }
}
