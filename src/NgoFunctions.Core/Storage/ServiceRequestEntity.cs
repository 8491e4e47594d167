namespace NgoFunctions.Core.Storage;

/// <summary>A service request (ServiceRequests, PK = tracking code, RK <c>request</c>).
/// Serves: the status page (point read), routing (point read + ETag update), the NGO's case view.
/// Personal data (<see cref="Name"/>, <see cref="Phone"/>, <see cref="Description"/>) lives only here.</summary>
public sealed class ServiceRequestEntity : EntityBase
{
    /// <summary>Internal id, used in messages and logs instead of anything personal.</summary>
    public Guid RequestId { get; set; }

    /// <summary>Sector code.</summary>
    public string Sector { get; set; } = string.Empty;

    /// <summary>Governorate P-code (admin1).</summary>
    public string Governorate { get; set; } = string.Empty;

    /// <summary>District P-code (admin2), or <c>null</c> when the citizen did not say.</summary>
    public string? District { get; set; }

    /// <summary>Sub-district P-code (admin3), or <c>null</c>.</summary>
    public string? SubDistrict { get; set; }

    /// <summary>What the citizen needs, as typed (Unicode, stored byte for byte).</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary><see cref="Domain.Urgency"/> name.</summary>
    public string Urgency { get; set; } = string.Empty;

    /// <summary>Vulnerability codes, comma-separated, possibly empty.</summary>
    public string Vulnerabilities { get; set; } = string.Empty;

    /// <summary><see cref="Domain.RequestChannel"/> name.</summary>
    public string Channel { get; set; } = string.Empty;

    /// <summary><c>ar</c> or <c>en</c>.</summary>
    public string Language { get; set; } = "ar";

    /// <summary>The citizen's name, if given.</summary>
    public string? Name { get; set; }

    /// <summary>The citizen's phone number, if given.</summary>
    public string? Phone { get; set; }

    /// <summary>Where on its <see cref="Channel"/> the citizen is told of changes (for Telegram, the private
    /// chat's id: <see cref="Telegram.TelegramAddress"/>); <c>null</c> for a web-form request (followed on the
    /// status page) and once personal data is erased.</summary>
    public string? ChannelAddress { get; set; }

    /// <summary>Whether the citizen agreed to share contact details with the NGO that takes the case.</summary>
    public bool Consent { get; set; }

    /// <summary><see cref="Domain.RequestStatus"/> name.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>When the request was stored (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When the status last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The NGO of the current assignment, if any.</summary>
    public string? AssignedNgoId { get; set; }

    /// <summary>How many assignments were made so far.</summary>
    public int AssignmentCount { get; set; }

    /// <summary>How many events were written; the next event gets number <c>EventCount + 1</c>.</summary>
    public int EventCount { get; set; }

    /// <summary>Submissions by the same phone number for the same sector that were given this request
    /// while it was open instead of becoming a second one (each with a <c>DuplicateSubmitted</c> event).</summary>
    public int DuplicateSubmissions { get; set; }

    /// <summary>Set when a message about this request failed every try: the ministry must look at it.</summary>
    public bool NeedsAttention { get; set; }

    /// <summary>Why <see cref="NeedsAttention"/> is set: the poison queue a message about this request
    /// ended on (e.g. <c>notifications-poison</c>); cleared with it once a replay of that message succeeds.</summary>
    public string? AttentionReason { get; set; }

    /// <summary>When the SLA sweep last reminded the NGO of this request (UTC), so it reminds at most
    /// once per stale period; <c>null</c> before the first reminder.</summary>
    public DateTimeOffset? LastReminderAt { get; set; }

    /// <summary>When the request was first routed to an NGO (UTC); <c>null</c> until then. Set with the
    /// status change (<see cref="Requests.RequestChanges"/>), for the ministry's time-to-route figures.</summary>
    public DateTimeOffset? FirstRoutedAt { get; set; }

    /// <summary>When an NGO first accepted the request (UTC); <c>null</c> until then.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>When the request was resolved (UTC); <c>null</c> until then.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }

    /// <summary>The outcome the NGO gave when it last resolved the request (<see cref="NgoActions.ResolutionOutcomes"/>:
    /// <c>successful</c> or <c>not-successful</c>); <c>null</c> until then.</summary>
    public string? Outcome { get; set; }

    /// <summary>Why that resolution was not successful (a code of <see cref="NgoActions.ResolutionOutcomes.Reasons"/>);
    /// <c>null</c> for a successful one or before any.</summary>
    public string? OutcomeReason { get; set; }

    /// <summary>How the request was closed after its resolution: <c>confirmed</c> (the citizen said the help
    /// arrived) or <c>unconfirmed</c> (no answer within <c>Closure:ConfirmAfterDays</c>); <c>null</c> while open.</summary>
    public string? Closure { get; set; }

    /// <summary>How often the citizen said the help did not arrive (each sent the request back to the NGO).</summary>
    public int Disputes { get; set; }

    /// <summary>Assignments of this request that expired unanswered (the NGO missed
    /// <c>Sla:AcceptDeadlineHours</c>): the ministry's SLA breaches.</summary>
    public int ExpiredAssignments { get; set; }

    /// <summary>When the citizen's personal data (name, phone, description, chat, feedback comment, NGO
    /// notes) was erased (UTC): by the retention sweep, <c>/forget</c> in the bot or the web erasure.
    /// <c>null</c> while they are kept. See <see cref="Privacy.PersonalDataEraser"/>.</summary>
    public DateTimeOffset? PersonalDataErasedAt { get; set; }

    /// <summary>Whether the request is sensitive (<see cref="Domain.SensitiveCases"/>): set at intake when
    /// the sector is <c>protection</c> or the citizen marked it so; never changes afterwards. Read it
    /// through <see cref="Domain.SensitiveCases.IsSensitive(ServiceRequestEntity)"/>, which also treats a
    /// protection request stored before the flag existed as sensitive.</summary>
    public bool Sensitive { get; set; }
}
