using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.NgoActions;

/// <summary>A request as the NGO it is routed to sees it. The citizen's name, phone and description
/// are in <see cref="Citizen"/> only while the NGO holds the case after accepting it (Accepted,
/// InProgress, Resolved) and only if the citizen consented; otherwise <see cref="CitizenWithheld"/> says why.</summary>
/// <param name="TrackingCode">Display form, <c>XXXXX-XXXXX</c>.</param>
/// <param name="Status">The request's status name.</param>
/// <param name="Assignment">This NGO's assignment.</param>
/// <param name="Sector">Sector code.</param>
/// <param name="Governorate">Governorate P-code.</param>
/// <param name="District">District P-code, if given.</param>
/// <param name="SubDistrict">Sub-district P-code, if given.</param>
/// <param name="Urgency"><c>emergency</c>, <c>urgent</c> or <c>normal</c>.</param>
/// <param name="Vulnerabilities">Vulnerability codes the citizen declared.</param>
/// <param name="Language">The citizen's language, <c>ar</c> or <c>en</c>.</param>
/// <param name="SubmittedAt">When it was submitted (UTC).</param>
/// <param name="UpdatedAt">When its status last changed (UTC).</param>
/// <param name="Citizen">Name, phone and description, or <c>null</c>.</param>
/// <param name="CitizenWithheld"><c>not-accepted</c>, <c>no-consent</c>, <c>closed</c> or <c>erased</c> (the
/// citizen withdrew them, or the retention period passed) when <see cref="Citizen"/> is <c>null</c>.</param>
/// <param name="Events">The timeline, oldest first (types and times only: no NGO names).</param>
/// <param name="Sensitive">Whether the request is sensitive (<see cref="SensitiveCases"/>): its details are
/// given here as for any case, but never in the NGO's Telegram group.</param>
public sealed record NgoCaseView(
    string TrackingCode,
    string Status,
    NgoAssignmentView Assignment,
    string Sector,
    string Governorate,
    string? District,
    string? SubDistrict,
    string Urgency,
    IReadOnlyList<string> Vulnerabilities,
    string Language,
    DateTimeOffset SubmittedAt,
    DateTimeOffset UpdatedAt,
    CitizenDetails? Citizen,
    string? CitizenWithheld,
    IReadOnlyList<TimelineEntry> Events,
    bool Sensitive = false)
{
    private static readonly string[] HeldAfterAccepting =
        [nameof(RequestStatus.Accepted), nameof(RequestStatus.InProgress), nameof(RequestStatus.Resolved)];

    /// <summary>The view of <paramref name="request"/> for the NGO of <paramref name="assignment"/>.</summary>
    public static NgoCaseView Of(ServiceRequestEntity request, AssignmentEntity assignment, IEnumerable<RequestEventEntity> events, TimeSpan acceptDeadline)
    {
        string? withheld =
            request.PersonalDataErasedAt is not null ? "erased"
            : request.Status == nameof(RequestStatus.Routed) || assignment.State != nameof(AssignmentState.Accepted) ? "not-accepted"
            : !HeldAfterAccepting.Contains(request.Status) ? "closed"
            : !request.Consent ? "no-consent"
            : null;
        return new NgoCaseView(
            Display(request.PartitionKey),
            request.Status,
            NgoAssignmentView.Of(assignment, acceptDeadline),
            request.Sector,
            request.Governorate,
            request.District,
            request.SubDistrict,
            request.Urgency.ToLowerInvariant(),
            request.Vulnerabilities.Split(',', StringSplitOptions.RemoveEmptyEntries),
            request.Language,
            request.SubmittedAt,
            request.UpdatedAt,
            withheld is null ? new CitizenDetails(request.Name, request.Phone, request.Description) : null,
            withheld,
            events.OrderBy(e => e.Sequence).Select(e => new TimelineEntry(e.Sequence, e.Type, e.Status, e.OccurredAt)).ToList(),
            SensitiveCases.IsSensitive(request));
    }

    /// <summary>The display form of a canonical tracking code.</summary>
    internal static string Display(string canonical) => Domain.TrackingCode.TryParse(canonical, out var code) ? code.Value.ToString() : canonical;
}

/// <summary>The NGO's assignment on a request.</summary>
/// <param name="Attempt">Which attempt to route the request it is (1-based).</param>
/// <param name="State"><c>Pending</c>, <c>Accepted</c>, <c>Declined</c> or <c>Expired</c>.</param>
/// <param name="AssignedAt">When it was routed to the NGO (UTC).</param>
/// <param name="AcceptBy">While pending: when it expires unless accepted or declined (UTC).</param>
/// <param name="AnsweredAt">When it was accepted, declined or expired (UTC).</param>
/// <param name="DeclineReason">The decline reason code, if declined.</param>
public sealed record NgoAssignmentView(int Attempt, string State, DateTimeOffset AssignedAt, DateTimeOffset? AcceptBy, DateTimeOffset? AnsweredAt, string? DeclineReason)
{
    /// <summary>The view of <paramref name="assignment"/>.</summary>
    public static NgoAssignmentView Of(AssignmentEntity assignment, TimeSpan acceptDeadline) => new(
        assignment.Attempt,
        assignment.State,
        assignment.AssignedAt,
        assignment.State == nameof(AssignmentState.Pending) ? assignment.AssignedAt + acceptDeadline : null,
        assignment.AnsweredAt,
        assignment.DeclineReason);
}

/// <summary>What the citizen shared for the NGO that takes the request.</summary>
/// <param name="Name">Name, if given.</param>
/// <param name="Phone">Phone number (E.164), if given.</param>
/// <param name="Description">What the citizen needs, as typed.</param>
public sealed record CitizenDetails(string? Name, string? Phone, string Description);
