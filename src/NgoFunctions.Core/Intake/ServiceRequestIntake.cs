using FluentValidation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.ReferenceData;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Intake;

/// <summary>Creates service requests: the one path the form, the JSON API and the bot share.
/// Validates, stores the request with its <c>Submitted</c> event in one transaction, then queues it
/// on <c>requests-submitted</c> for routing. Where the governorate (or district) has a single child
/// area, the request is placed in it.</summary>
public sealed partial class ServiceRequestIntake(
    IValidator<SubmitServiceRequest> validator,
    ServiceRequestStore store,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    PhoneNumberNormalizer phones,
    LocationCatalogue locations,
    TimeProvider clock,
    ILogger<ServiceRequestIntake> logger)
{
    // 50-bit codes collide about once in 10^15 draws; a few tries only guard against the impossible.
    private const int CodeAttempts = 3;

    /// <summary>Validates and stores <paramref name="submission"/>. Returns <see cref="IntakeResult.Rejected"/>
    /// with every field error when it is invalid (nothing stored). Throws
    /// <see cref="Azure.RequestFailedException"/> when storage fails after the SDK's retries.</summary>
    public Task<IntakeResult> SubmitAsync(SubmitServiceRequest submission, CancellationToken cancellationToken) =>
        SubmitAsync(submission, preassigned: null, cancellationToken);

    /// <summary>As <see cref="SubmitAsync(SubmitServiceRequest, CancellationToken)"/>, under a tracking
    /// code drawn beforehand (<see cref="TrackingCode.New"/>), so that submitting the same thing again
    /// (a re-delivered Telegram update) finds the request made the first time instead of making a
    /// second one.</summary>
    public async Task<IntakeResult> SubmitAsync(SubmitServiceRequest submission, TrackingCode? preassigned, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(submission, cancellationToken);
        if (!validation.IsValid)
        {
            var errors = validation.Errors
                .GroupBy(e => e.PropertyName)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            return new IntakeResult.Rejected(errors, submission.ReplyLanguage);
        }

        if (preassigned is { } given && await store.FindAsync(given.Value, cancellationToken) is { } existing)
        {
            // Made by an earlier try, which may have stopped before queueing it: queue it again (the
            // router ignores a request it has routed already).
            await queues.SendAsync(queueNames.Value.RequestsSubmitted, new RequestSubmitted(existing.RequestId, given.Value), cancellationToken);
            return new IntakeResult.Accepted(existing.RequestId, given, Enum.Parse<RequestStatus>(existing.Status));
        }

        for (var attempt = 1; attempt <= CodeAttempts; attempt++)
        {
            var code = attempt == 1 && preassigned is { } first ? first : TrackingCode.New();
            var request = NewEntity(submission, code);
            var submitted = RequestChanges.Submitted(request, actor: "citizen");
            // Stored first, queued second (alongside the index write): a message never points at a
            // request that does not exist.
            var message = new RequestSubmitted(request.RequestId, code.Value);
            if (await store.TryCreateAsync(request, submitted, ct => queues.SendAsync(queueNames.Value.RequestsSubmitted, message, ct), cancellationToken))
            {
                LogSubmitted(request.RequestId, request.Sector, request.Governorate, request.Channel);
                return new IntakeResult.Accepted(request.RequestId, code, RequestStatus.Submitted);
            }
        }

        throw new InvalidOperationException("Could not draw an unused tracking code.");
    }

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
            Channel = s.Channel.ToString(),
            Language = s.ReplyLanguage.ToCode(),
            Name = string.IsNullOrWhiteSpace(s.Name) ? null : s.Name.Trim(),
            Phone = phones.TryNormalize(s.Phone, out var e164) ? e164 : null,
            TelegramChatId = s.TelegramChatId,
            Consent = s.Consent == true,
            Status = nameof(RequestStatus.Submitted),
            SubmittedAt = now,
            UpdatedAt = now,
        };
    }

    // An area with a single child area says where the citizen is one level down too (Damascus
    // governorate is Damascus district), so coverage at that level can match.
    private string? OnlyChild(string? pCode) =>
        pCode is not null && locations.ChildrenOf(pCode) is [var only] ? only.PCode : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Submitted {RequestId}: sector {Sector}, governorate {Governorate}, channel {Channel}")]
    private partial void LogSubmitted(Guid requestId, string sector, string governorate, string channel);
}
