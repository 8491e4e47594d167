using NgoFunctions.Core.Domain;

namespace NgoFunctions.Core.Intake;

/// <summary>What a submission that intake answered with a request got
/// (<see cref="ServiceRequestIntake.SubmitAsync(SubmitServiceRequest, TrackingCode?, CancellationToken)"/>).</summary>
/// <param name="RequestId">The request's internal id.</param>
/// <param name="TrackingCode">Its code.</param>
/// <param name="Status">Its status now: <see cref="RequestStatus.Submitted"/> for a new one.</param>
/// <param name="Duplicate"><c>false</c>: stored and queued for routing (or stored before under the same
/// idempotency key). <c>true</c>: not stored, the same phone number has an open request of the same sector,
/// which this is (any channel); the submission is recorded on it as a <c>DuplicateSubmitted</c> event, and
/// the fields describe that request.</param>
public sealed record IntakeReceipt(Guid RequestId, TrackingCode TrackingCode, RequestStatus Status, bool Duplicate);
