using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Intake;

/// <summary>Intake's limits, in the order <see cref="ServiceRequestIntake"/> applies them to a valid
/// submission: the client address's window (<see cref="AddressWindow"/>), then the phone number's claim
/// on the sector (<see cref="PhoneLookup"/>: the open request of that sector again, or the per-phone
/// limit). Phone numbers and addresses are looked up by their keyed hashes (<see cref="IntakePseudonyms"/>);
/// without a key (no webhook secret outside Development) neither is looked up, and a warning says so at
/// the first submission. A submission without a phone is never matched.</summary>
public sealed partial class IntakeGuards(
    IntakePseudonyms pseudonyms,
    AddressWindow addresses,
    PhoneLookup lookup,
    DuplicateSubmissions duplicates,
    PhoneNumberNormalizer phones,
    IOptions<IntakeLimitOptions> options,
    ILogger<IntakeGuards> logger)
{
    /// <summary>The <c>Retry-After</c> given with the per-phone limit: a hint of when to look again (a
    /// place frees when one of the phone's requests is resolved, closed or cancelled, not at a set time).</summary>
    public static readonly TimeSpan PhoneRetryAfter = TimeSpan.FromHours(1);

    private const int ClaimRounds = 3;
    private int _warnedUnkeyed;

    /// <summary>Counts the submission against its client address's window. <c>null</c> when counted, or
    /// when it has no address (the bot) or no key; else <see cref="Outcome{T}.Limited"/>, nothing counted.</summary>
    public async Task<Outcome<IntakeReceipt>?> CountAddressAsync(SubmitServiceRequest submission, CancellationToken cancellationToken)
    {
        if (submission.ClientAddress is not { } address || Keyed()?.OfAddress(address) is not { } pseudonym
            || await addresses.TryCountAsync(pseudonym, cancellationToken) is not { } wait)
        {
            return null;
        }

        LogLimited(IntakeLimit.Address, submission.Channel);
        return new Outcome<IntakeReceipt>.Limited(IntakeLimit.Address, options.Value.PerAddress, wait);
    }

    /// <summary>Claims the submission's sector for its phone number under <paramref name="code"/>.
    /// <c>null</c> when claimed (store the request), or when it has no phone or there is no key; else the
    /// answer: <see cref="Outcome{T}.Done"/> with a <see cref="IntakeReceipt.Duplicate"/> receipt (the phone's
    /// open request of that sector, the repeat recorded on it) or <see cref="Outcome{T}.Limited"/>. A claim naming one of <paramref name="own"/> is
    /// this submission's (its idempotency key, or a code it gave up).</summary>
    public async Task<Outcome<IntakeReceipt>?> ClaimPhoneAsync(
        SubmitServiceRequest submission, TrackingCode code, IReadOnlyCollection<string> own, TrackingCode? idempotencyKey, CancellationToken cancellationToken)
    {
        if (!phones.TryNormalize(submission.Phone, out var e164) || Keyed()?.OfPhone(e164) is not { } pseudonym)
        {
            return null;
        }

        for (var round = 1; round <= ClaimRounds; round++)
        {
            switch (await lookup.ClaimAsync(pseudonym, submission.Sector!, code.Value, own, cancellationToken))
            {
                case PhoneClaimOutcome.Duplicate duplicate:
                    if (await duplicates.RecordAsync(duplicate.TrackingCode, submission.Channel, idempotencyKey, cancellationToken) is { } open
                        && TrackingCode.TryParse(open.PartitionKey, out var existing))
                    {
                        LogDuplicate(open.RequestId, submission.Channel);
                        return new Outcome<IntakeReceipt>.Done(
                            new IntakeReceipt(open.RequestId, existing.Value, Enum.Parse<RequestStatus>(open.Status), Duplicate: true));
                    }

                    // It closed a moment ago: its claim is stale now, claim again.
                    continue;
                case PhoneClaimOutcome.Limited:
                    LogLimited(IntakeLimit.Phone, submission.Channel);
                    return new Outcome<IntakeReceipt>.Limited(IntakeLimit.Phone, options.Value.OpenPerPhone, PhoneRetryAfter);
                default:
                    return null;
            }
        }

        throw new TimeoutException("The phone's open request kept closing while a repeat was recorded.");
    }

    /// <summary>Takes <paramref name="request"/> out of its phone number's lookup (erasure
    /// of its personal data), while the phone is still known. Nothing to do without a phone or a key.</summary>
    public async Task ForgetPhoneAsync(ServiceRequestEntity request, CancellationToken cancellationToken)
    {
        if (request.Phone is { } phone && pseudonyms.OfPhone(phone) is { } pseudonym)
        {
            await lookup.ReleaseAsync(pseudonym, request.Sector, request.PartitionKey, cancellationToken);
        }
    }

    private IntakePseudonyms? Keyed()
    {
        if (pseudonyms.IsKeyed)
        {
            return pseudonyms;
        }

        if (Interlocked.Exchange(ref _warnedUnkeyed, 1) == 0)
        {
            LogUnkeyed();
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission ({Channel}) refused: the {Limit} limit is reached")]
    private partial void LogLimited(IntakeLimit limit, RequestChannel channel);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission ({Channel}) is the open request {RequestId} again: given that one")]
    private partial void LogDuplicate(Guid requestId, RequestChannel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram:WebhookSecret is not set outside Development: phone numbers and client addresses cannot be hashed with a key, so duplicates by phone are not found and the per-address and per-phone limits are off")]
    private partial void LogUnkeyed();
}
