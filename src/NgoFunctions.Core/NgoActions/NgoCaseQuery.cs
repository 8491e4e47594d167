using Azure;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Localization;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>What an NGO may read: the requests routed to it and not handed on (the request's
/// <see cref="ServiceRequestEntity.AssignedNgoId"/> is the NGO), and its list of cases (its NgoCases
/// partition). Anything else reads as missing, so an NGO cannot learn about another NGO's requests.</summary>
public sealed class NgoCaseQuery(
    ServiceRequestStore requests, NgoCaseBook book, Texts texts, IOptions<SlaOptions> sla, IOptions<NgoApiOptions> api)
{
    // The statuses a case row can carry; the others (Submitted, Unroutable) never reach an NGO.
    private static readonly RequestStatus[] ListableStatuses =
        [RequestStatus.Routed, RequestStatus.Accepted, RequestStatus.InProgress, RequestStatus.Resolved, RequestStatus.Cancelled, RequestStatus.Closed];

    /// <summary>The request with <paramref name="trackingCode"/> as <paramref name="ngoId"/> sees it:
    /// <see cref="Outcome{T}.Done"/> or <see cref="Outcome{T}.NotFound"/>.</summary>
    public async Task<Outcome<NgoCaseView>> FindAsync(string ngoId, string? trackingCode, CancellationToken cancellationToken)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
        {
            return NgoCaseOutcomes.NotFound;
        }

        var history = await requests.GetHistoryAsync(code.Value.Value, cancellationToken);
        return CurrentAssignment(history, ngoId) is { } assignment
            ? new Outcome<NgoCaseView>.Done(NgoCaseView.Of(history!.Request, assignment, history.Events, sla.Value.AcceptDeadline))
            : NgoCaseOutcomes.NotFound;
    }

    /// <summary>One page of the NGO's cases, optionally only those in <paramref name="status"/>
    /// (case-insensitive status name). <paramref name="continuationToken"/> is the previous page's.
    /// <see cref="Outcome{T}.Rejected"/> names the parameter that is not acceptable, in <paramref name="language"/>.</summary>
    public async Task<Outcome<NgoCasePage>> ListAsync(
        string ngoId, string? status, string? continuationToken, Language language, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var wanted = ListableStatuses
            .Where(s => string.Equals(s.ToString(), status, StringComparison.OrdinalIgnoreCase))
            .Select(s => (RequestStatus?)s)
            .FirstOrDefault();
        if (!string.IsNullOrEmpty(status) && wanted is null)
        {
            errors["status"] = [texts.Get("ngo.validation.status", language, string.Join(", ", ListableStatuses))];
        }

        // The token belongs to the NGO's listing it paged (and its status filter): meaningful only there.
        var scope = $"{ngoId}|{wanted}";
        var storageToken = ContinuationTokens.Unwrap(continuationToken, scope);
        if (!string.IsNullOrEmpty(continuationToken) && storageToken is null)
        {
            errors["continuationToken"] = [texts.Get("ngo.validation.continuationToken", language)];
        }

        if (errors.Count > 0)
        {
            return new Outcome<NgoCasePage>.Rejected(errors);
        }

        try
        {
            var (rows, next) = await book.PageAsync(ngoId, wanted, storageToken, api.Value.PageSize, cancellationToken);
            return new Outcome<NgoCasePage>.Done(new NgoCasePage(rows.Select(Summary).ToList(), ContinuationTokens.Wrap(next, scope)));
        }
        catch (RequestFailedException ex) when (ex.Status == 400)
        {
            return new Outcome<NgoCasePage>.Rejected(new Dictionary<string, string[]>
            {
                ["continuationToken"] = [texts.Get("ngo.validation.continuationToken", language)],
            });
        }
    }

    /// <summary>The request's current assignment when <paramref name="ngoId"/> holds the request, else <c>null</c>.</summary>
    internal static AssignmentEntity? CurrentAssignment(RequestHistory? history, string ngoId) =>
        history is { Request.AssignedNgoId: { } holder } && holder == ngoId
            ? history.Assignments.FirstOrDefault(a => a.Attempt == history.Request.AssignmentCount && a.NgoId == ngoId)
            : null;

    private NgoCaseSummary Summary(NgoCaseEntity row) => new(
        NgoCaseView.Display(row.TrackingCode),
        row.Status,
        row.Sector,
        row.Urgency.ToLowerInvariant(),
        row.Governorate,
        row.District,
        row.SubDistrict,
        row.AssignedAt,
        row.Status == nameof(RequestStatus.Routed) ? row.AssignedAt + sla.Value.AcceptDeadline : null,
        row.LastActivityAt,
        row.ClosedAt);
}
