namespace NgoFunctions.Core.Storage;

/// <summary>One entry of a request's append-only audit trail (ServiceRequests, PK = tracking code,
/// RK <c>event-NNNN</c>). Serves the status timeline (partition query). Never holds personal data.</summary>
public sealed class RequestEventEntity : EntityBase
{
    /// <summary>1-based position in the trail.</summary>
    public int Sequence { get; set; }

    /// <summary>What happened: a <see cref="Domain.RequestStatus"/> name for status changes, or
    /// <c>NeedsAttention</c>.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>Status before, if the event changed it.</summary>
    public string? FromStatus { get; set; }

    /// <summary>Status after.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Who did it: <c>citizen</c>, <c>router</c>, <c>system</c>, <c>ngo:{id}</c>.</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>The NGO concerned, if any.</summary>
    public string? NgoId { get; set; }

    /// <summary>A short machine-readable note (no personal data), e.g. the poison queue's name.</summary>
    public string? Detail { get; set; }
}
