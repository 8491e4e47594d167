using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Privacy;

/// <summary>When a request's personal data has done its work: once the request is in a final status
/// (Resolved, Closed or Cancelled), the retention period (<see cref="RetentionOptions.PersonalDataDays"/>)
/// starts from the time it got there. Waitlisted and Unroutable are not final: the request still waits
/// for an NGO (a place freeing, an NGO joining or widening its coverage) and the NGO that takes it needs
/// the contact details; the citizen can cancel it or ask for erasure at any time (docs/privacy.md).</summary>
public static class RetentionRule
{
    private static readonly HashSet<string> Final =
    [
        nameof(RequestStatus.Resolved), nameof(RequestStatus.Closed), nameof(RequestStatus.Cancelled),
    ];

    /// <summary>Whether <paramref name="status"/> starts the retention period.</summary>
    public static bool IsFinal(string status) => Final.Contains(status);

    /// <summary>Whether <paramref name="request"/> is final and still holds personal data (so the
    /// retention sweep must come back to it).</summary>
    public static bool HoldsPersonalDataPastItsWork(ServiceRequestEntity request) =>
        IsFinal(request.Status) && request.PersonalDataErasedAt is null;
}
