using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Requests;

/// <summary>Told by <see cref="ServiceRequestStore"/> of the events a change of a request is about to
/// commit, side by side with the transaction, so that a message that must never be missing for a
/// committed change (an NGO's webhook delivery) exists before the change can be seen, even if the
/// process dies right after the commit. The message may therefore also exist for a change that did not
/// commit (a lost race): its handler must look at what was stored and do nothing for what was not.
/// Register an implementation as a singleton <see cref="IRequestChangeObserver"/>.</summary>
public interface IRequestChangeObserver
{
    /// <summary>Follows <paramref name="events"/> of <paramref name="request"/> (as the request will be
    /// once committed). Must not throw for a failure of its own (the change goes on and is not reported as
    /// failed); throws only on cancellation.</summary>
    Task CommittingAsync(ServiceRequestEntity request, IReadOnlyList<RequestEventEntity> events, CancellationToken cancellationToken);
}
