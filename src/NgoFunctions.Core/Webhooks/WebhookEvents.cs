using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Webhooks;

/// <summary>Which events of a request concern an NGO, read from the request's trail: its routing to the
/// NGO, the end of the NGO's assignment before accepting (declined or expired), and every status change
/// while the NGO holds the case (the NGO that was routed the request, until its assignment ended). Pure:
/// the trail alone decides, so every instance and every retry agree.</summary>
public static class WebhookEvents
{
    /// <summary>The events of <paramref name="history"/> that concern <paramref name="ngoId"/>, oldest first.</summary>
    public static IReadOnlyList<WebhookEvent> For(RequestHistory history, string ngoId)
    {
        var code = history.Request.PartitionKey;
        var found = new List<WebhookEvent>();
        string? holder = null;
        foreach (var e in history.Events.OrderBy(e => e.Sequence))
        {
            string? type = null;
            string? reason = null;
            if (e.Type == nameof(RequestStatus.Routed) && e.FromStatus is not null)
            {
                holder = e.NgoId;
                type = e.NgoId == ngoId ? WebhookEventTypes.Assigned : null;
            }
            else if (e.Type is nameof(AssignmentState.Declined) or nameof(AssignmentState.Expired) && e.NgoId is not null)
            {
                if (e.NgoId == ngoId)
                {
                    type = WebhookEventTypes.Withdrawn;
                    reason = $"{e.Type.ToLowerInvariant()}:{e.Detail}";
                }

                holder = holder == e.NgoId ? null : holder;
            }
            else if (e.FromStatus is not null && holder == ngoId)
            {
                type = e.Type == nameof(RequestStatus.Cancelled) ? WebhookEventTypes.Cancelled : WebhookEventTypes.StatusChanged;
            }

            if (type is not null)
            {
                found.Add(new WebhookEvent($"{code}-{e.Sequence}", type, e.Sequence, e.Status, e.OccurredAt, reason));
            }
        }

        return found;
    }

    /// <summary>The NGO an event about to be committed concerns, or <c>null</c>: the NGO it names (a
    /// routing, a declined or expired assignment), else, for a status change, the NGO holding the request.
    /// The same reading as <see cref="For"/>, from the request as it will be once committed.</summary>
    public static string? Concerned(ServiceRequestEntity request, RequestEventEntity change) =>
        change.Type is nameof(AssignmentState.Declined) or nameof(AssignmentState.Expired) ? change.NgoId
        : change.FromStatus is null ? null
        : change.NgoId ?? request.AssignedNgoId;
}
