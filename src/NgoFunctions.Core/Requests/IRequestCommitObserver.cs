using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Requests;

/// <summary>Told by <see cref="ServiceRequestStore"/> after each committed write of a request, so that
/// whatever follows the requests (e.g. a monitoring index) stays in step without the store knowing it.
/// Register an implementation as a singleton <see cref="IRequestCommitObserver"/>; observers are called
/// one after another, in registration order, only after the request's transaction succeeded.</summary>
public interface IRequestCommitObserver
{
    /// <summary>Follows the committed state of <paramref name="request"/> (its ETag is the committed one).
    /// <paramref name="isNew"/> says the request was just created, so nothing derived from it can exist
    /// yet. Must not throw for a storage failure of its own: the request's change is already committed
    /// and must not be reported as failed because something that follows it lags.</summary>
    Task CommittedAsync(ServiceRequestEntity request, bool isNew, CancellationToken cancellationToken);
}
