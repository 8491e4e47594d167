using System.Text.Json;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.NgoActions;
using NgoFunctions.Core.Requests;

namespace NgoFunctions.Core.Webhooks;

/// <summary>The JSON body POSTed for one <see cref="WebhookEvent"/>:
/// <c>{id, type, trackingCode, sequence, status, occurredAt, reason, case}</c>. <c>case</c> is the case as
/// <c>GET /api/ngo/requests/{trackingCode}</c> shows it now (the same <see cref="NgoCaseView"/>), while the
/// NGO holds it, and <c>null</c> once it no longer does (withdrawn, routed elsewhere). The citizen's
/// contact details are in it only under the API's rules (accepted, held, consented, not erased) and only
/// in an event that is itself at or after the acceptance (status Accepted, InProgress or Resolved):
/// an assignment never carries a phone number, even when it is sent after the NGO accepted.</summary>
public sealed class WebhookPayload(IOptions<SlaOptions> sla)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string[] AfterAccepting =
        [nameof(RequestStatus.Accepted), nameof(RequestStatus.InProgress), nameof(RequestStatus.Resolved)];

    /// <summary>The UTF-8 body for <paramref name="change"/> of <paramref name="history"/>, sent to <paramref name="ngoId"/>.</summary>
    public byte[] Build(RequestHistory history, WebhookEvent change, string ngoId)
    {
        var request = history.Request;
        NgoCaseView? view = null;
        if (request.AssignedNgoId == ngoId && history.Assignments.LastOrDefault(a => a.NgoId == ngoId) is { } assignment)
        {
            view = NgoCaseView.Of(request, assignment, history.Events, sla.Value.AcceptDeadline);
            if (view.Citizen is not null && !AfterAccepting.Contains(change.Status))
            {
                view = view with { Citizen = null, CitizenWithheld = "not-accepted" };
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(new Body(
            change.Id,
            change.Type,
            NgoCaseView.Display(request.PartitionKey),
            change.Sequence,
            change.Status,
            change.OccurredAt,
            change.Reason,
            view), Json);
    }

    private sealed record Body(string Id, string Type, string TrackingCode, int Sequence, string Status, DateTimeOffset OccurredAt, string? Reason, NgoCaseView? Case);
}
