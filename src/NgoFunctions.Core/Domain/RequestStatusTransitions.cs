namespace NgoFunctions.Core.Domain;

/// <summary>The legal status transitions of a service request (design handbook, "RequestStatus").</summary>
public static class RequestStatusTransitions
{
    private static readonly IReadOnlyDictionary<RequestStatus, RequestStatus[]> Allowed =
        new Dictionary<RequestStatus, RequestStatus[]>
        {
            [RequestStatus.Submitted] = [RequestStatus.Routed, RequestStatus.Waitlisted, RequestStatus.Unroutable, RequestStatus.Cancelled],
            [RequestStatus.Routed] = [RequestStatus.Accepted, RequestStatus.Routed, RequestStatus.Waitlisted, RequestStatus.Unroutable, RequestStatus.Cancelled],
            [RequestStatus.Accepted] = [RequestStatus.InProgress, RequestStatus.Cancelled],
            [RequestStatus.InProgress] = [RequestStatus.Resolved, RequestStatus.Cancelled],
            // The citizen confirms (or silence closes it), or disputes it: back to the NGO.
            [RequestStatus.Resolved] = [RequestStatus.Closed, RequestStatus.InProgress],
            [RequestStatus.Waitlisted] = [RequestStatus.Routed, RequestStatus.Unroutable, RequestStatus.Cancelled],
            [RequestStatus.Unroutable] = [RequestStatus.Routed, RequestStatus.Waitlisted, RequestStatus.Cancelled],
            [RequestStatus.Closed] = [],
            [RequestStatus.Cancelled] = [],
        };

    /// <summary>Whether a request in <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool IsAllowed(RequestStatus from, RequestStatus to) => Allowed[from].Contains(to);

    /// <summary>Throws <see cref="IllegalStatusTransitionException"/> unless the move is legal.</summary>
    public static void EnsureAllowed(RequestStatus from, RequestStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw new IllegalStatusTransitionException(from, to);
        }
    }
}

/// <summary>A status change the lifecycle forbids, e.g. Resolved → Routed.</summary>
/// <param name="from">The current status.</param>
/// <param name="to">The status asked for.</param>
public sealed class IllegalStatusTransitionException(RequestStatus from, RequestStatus to)
    : InvalidOperationException($"A request that is {from} cannot become {to}.")
{
    /// <summary>The current status.</summary>
    public RequestStatus From { get; } = from;

    /// <summary>The status asked for.</summary>
    public RequestStatus To { get; } = to;
}
