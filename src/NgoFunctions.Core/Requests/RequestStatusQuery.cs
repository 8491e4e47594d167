using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Registry;

namespace NgoFunctions.Core.Requests;

/// <summary>Answers "where is my request?" for a tracking code.</summary>
public sealed class RequestStatusQuery(ServiceRequestStore store, NgoDirectory directory)
{
    /// <summary>The request's public view, or <c>null</c> when the code is malformed or unknown (the
    /// two are not told apart, so codes cannot be probed). A sensitive request's view holds only its
    /// status and dates (<see cref="RequestStatusView"/>).</summary>
    public async Task<RequestStatusView?> FindAsync(string? trackingCode, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return null;
        }

        var history = await store.GetHistoryAsync(code.Value.Value, cancellationToken);
        if (history is null)
        {
            return null;
        }

        var r = history.Request;
        var events = history.Events.OrderBy(e => e.Sequence).Select(e => new TimelineEntry(e.Sequence, e.Type, e.Status, e.OccurredAt)).ToList();
        if (SensitiveCases.IsSensitive(r))
        {
            // Whoever holds the code (or looks over the citizen's shoulder) learns nothing of what it is
            // about, where, or who helps.
            return new RequestStatusView(
                code.Value.ToString(), r.Status, null, null, null, null, null, r.SubmittedAt, r.UpdatedAt, r.NeedsAttention, null, events, Sensitive: true);
        }

        NgoRef? ngo = null;
        if (ShownNgoId(r) is { } ngoId)
        {
            var found = (await directory.GetAllAsync(cancellationToken)).FirstOrDefault(n => n.Id == ngoId);
            ngo = new NgoRef(ngoId, found?.Name ?? new LocalizedName(ngoId, ngoId));
        }

        return new RequestStatusView(
            code.Value.ToString(),
            r.Status,
            r.Sector,
            r.Governorate,
            r.District,
            r.SubDistrict,
            r.Urgency.ToLowerInvariant(),
            r.SubmittedAt,
            r.UpdatedAt,
            r.NeedsAttention,
            ngo,
            events,
            Sensitive: false);
    }

    /// <summary>The NGO a public view of <paramref name="request"/> names (this page, Open311): the one it is
    /// assigned to once routed, none while it waits for one (Submitted, Waitlisted, Unroutable). Says nothing of
    /// sensitivity: a sensitive request's views name no NGO at all.</summary>
    public static string? ShownNgoId(Storage.ServiceRequestEntity request) =>
        request.Status is nameof(RequestStatus.Submitted) or nameof(RequestStatus.Waitlisted) or nameof(RequestStatus.Unroutable)
            ? null
            : request.AssignedNgoId;
}
