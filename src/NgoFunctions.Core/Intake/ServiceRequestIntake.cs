using FluentValidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Intake;

/// <summary>Creates service requests: the one path the form, the JSON API and the bot share.
/// Validates, applies the limits (<see cref="IntakeLimitOptions"/>: submissions per client address, one
/// open request per phone number and sector, open requests per phone number), stores the request with its
/// <c>Submitted</c> event in one transaction, then queues it on <c>requests-submitted</c> for routing.
/// Where the governorate (or district) has a single child area, the request is placed in it.</summary>
public sealed partial class ServiceRequestIntake(
    IValidator<SubmitServiceRequest> validator,
    ServiceRequestStore store,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    PhoneNumberNormalizer phones,
    LocationCatalogue locations,
    IntakeGuards guards,
    TimeProvider clock,
    ILogger<ServiceRequestIntake> logger)
{
    // 50-bit codes collide about once in 10^15 draws; a few tries only guard against the impossible.
    private const int CodeAttempts = 3;

    /// <summary>Validates and stores <paramref name="submission"/> under a new random tracking code.
    /// Returns <see cref="Outcome{T}.Done"/> with the new request's receipt, or with the phone's open request
    /// of that sector (<see cref="IntakeReceipt.Duplicate"/>); <see cref="Outcome{T}.Rejected"/> with every
    /// field error, in the submission's <see cref="SubmitServiceRequest.ReplyLanguage"/>, when it is invalid
    /// (nothing stored); <see cref="Outcome{T}.Limited"/> over a limit (nothing stored or counted). Throws <see cref="Azure.RequestFailedException"/> when storage fails after the SDK's retries.</summary>
    public Task<Outcome<IntakeReceipt>> SubmitAsync(SubmitServiceRequest submission, CancellationToken cancellationToken) =>
        SubmitAsync(submission, idempotencyKey: null, cancellationToken);

    /// <summary>The field errors <see cref="SubmitAsync(SubmitServiceRequest, CancellationToken)"/> would answer
    /// for <paramref name="submission"/>, without storing or counting anything: field (camelCase, as on the
    /// wire) → its distinct messages, in the submission's reply language; empty when valid.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(SubmitServiceRequest submission, CancellationToken cancellationToken) =>
        (await validator.ValidateAsync(submission, cancellationToken)).Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    /// <summary>As <see cref="SubmitAsync(SubmitServiceRequest, CancellationToken)"/>; with an
    /// <paramref name="idempotencyKey"/> (a tracking code drawn beforehand with <see cref="TrackingCode.New"/>
    /// and kept by the caller, e.g. a Telegram draft's), the request is stored under that code, and
    /// submitting the same thing again from the same chat (a re-delivered update, a second tap, even at
    /// the same moment) returns the request made the first time: one request, queued for routing once,
    /// counted once. Each try queues a routing message beside its write; a repeat's message names a request
    /// that was never stored and the router drops it, and a request whose own message was lost is queued
    /// by the stale-request sweep (its routing marker), so a repeat never waits. A code taken by another chat's request (a collision) is not reused: a new one is drawn.</summary>
    public async Task<Outcome<IntakeReceipt>> SubmitAsync(SubmitServiceRequest submission, TrackingCode? idempotencyKey, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(submission, cancellationToken) is { Count: > 0 } errors)
        {
            return new Outcome<IntakeReceipt>.Rejected(errors);
        }

        if (await guards.CountAddressAsync(submission, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Codes this submission tried: a phone claim naming one of them is its own.
        List<string> tried = idempotencyKey is { } key ? [key.Value] : [];
        for (var attempt = 1; attempt <= CodeAttempts; attempt++)
        {
            var keyed = attempt == 1 && idempotencyKey is not null;
            var code = keyed ? idempotencyKey!.Value : TrackingCode.New();
            if (await guards.ClaimPhoneAsync(submission, code, tried, idempotencyKey, cancellationToken) is { } answered)
            {
                return answered;
            }

            tried.Add(code.Value);
            var request = NewEntity(submission, code);
            var submitted = RequestChanges.Submitted(request, submission.Actor);
            // Queued and stored side by side (one round trip, not two): the message is on its way before
            // the request's write can be applied late, so a request that storage applied after intake gave
            // up on it (a time-out answered 503 while the write went through) still has its message. A
            // message that comes before its request is stored is looked at again by the router; one whose
            // request never got stored is dropped there. A request stored whose message the queue refused
            // has its routing marker (written with its index row): the stale-request sweep queues it.
            var queued = QueueAsync(new RequestSubmitted(request.RequestId, code.Value, QueuedAt: clock.GetUtcNow()), cancellationToken);
            bool stored;
            try
            {
                stored = await store.TryCreateAsync(request, submitted, cancellationToken);
            }
            finally
            {
                await queued;
            }

            if (stored)
            {
                LogSubmitted(request.RequestId, request.Sector, request.Governorate, request.Channel);
                return Accepted(request.RequestId, code, RequestStatus.Submitted);
            }

            // The key's code is taken: by this same submission made before or right now (the transaction
            // that lost is the proof that one request exists), or, once in 10^15, by someone else's.
            if (keyed && await store.FindAsync(code.Value, cancellationToken) is { } existing && SameSubmitter(existing, submission))
            {
                LogRepeated(existing.RequestId);
                return Accepted(existing.RequestId, code, Enum.Parse<RequestStatus>(existing.Status));
            }
        }

        throw new InvalidOperationException("Could not draw an unused tracking code.");
    }

    private static Outcome<IntakeReceipt> Accepted(Guid requestId, TrackingCode code, RequestStatus status) =>
        new Outcome<IntakeReceipt>.Done(new IntakeReceipt(requestId, code, status, Duplicate: false));

    // The same channel and address: the key was the caller's. A form request carries no key.
    private static bool SameSubmitter(ServiceRequestEntity existing, SubmitServiceRequest submission) =>
        existing.Channel == submission.Channel.Name && existing.ChannelAddress == submission.ChannelAddress;

    private ServiceRequestEntity NewEntity(SubmitServiceRequest s, TrackingCode code)
    {
        var now = clock.GetUtcNow();
        _ = UrgencyLevels.TryParse(s.Urgency, out var urgency);
        var district = string.IsNullOrEmpty(s.District) ? OnlyChild(s.Governorate) : s.District;
        return new ServiceRequestEntity
        {
            PartitionKey = code.Value,
            RowKey = Keys.RequestRow,
            RequestId = Guid.NewGuid(),
            Sector = s.Sector!,
            Governorate = s.Governorate!,
            District = district,
            SubDistrict = string.IsNullOrEmpty(s.SubDistrict) ? OnlyChild(district) : s.SubDistrict,
            Description = s.Description!.Trim(),
            Urgency = (string.IsNullOrEmpty(s.Urgency) ? Urgency.Normal : urgency).ToString(),
            Vulnerabilities = string.Join(',', s.Vulnerabilities.Distinct(StringComparer.Ordinal)),
            Channel = s.Channel.Name,
            Language = s.ReplyLanguage.ToCode(),
            Name = string.IsNullOrWhiteSpace(s.Name) ? null : s.Name.Trim(),
            Phone = phones.TryNormalize(s.Phone, out var e164) ? e164 : null,
            ChannelAddress = s.ChannelAddress,
            Consent = s.Consent == true,
            Sensitive = SensitiveCases.IsSensitive(s.Sector, s.Sensitive == true),
            Status = nameof(RequestStatus.Submitted),
            SubmittedAt = now,
            UpdatedAt = now,
        };
    }

    // An area with a single child area says where the citizen is one level down too (Damascus
    // governorate is Damascus district), so coverage at that level can match.
    private string? OnlyChild(string? pCode) =>
        pCode is not null && locations.ChildrenOf(pCode) is [var only] ? only.PCode : null;

    // Never throws for the queue's refusal: the request's fate is decided by the store (see above).
    private async Task QueueAsync(RequestSubmitted message, CancellationToken cancellationToken)
    {
        try
        {
            await queues.SendAsync(queueNames.Value.RequestsSubmitted, message, cancellationToken);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNotQueued(message.RequestId, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{RequestId}: its routing message could not be queued ({Failure}); if it is stored, the stale-request sweep queues it")]
    private partial void LogNotQueued(Guid requestId, string failure);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitted {RequestId}: sector {Sector}, governorate {Governorate}, channel {Channel}")]
    private partial void LogSubmitted(Guid requestId, string sector, string governorate, string channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitted again under its key: {RequestId} returned as it is")]
    private partial void LogRepeated(Guid requestId);
}
