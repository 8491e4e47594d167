using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Requests;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Privacy;

/// <summary>Erases what a request holds about the citizen, leaving the anonymous record (sector, place,
/// times, status, the audit trail's types and times) for statistics: the request's name, phone,
/// description and Telegram chat, the feedback comment, and the NGOs' notes on its assignments, in one
/// entity-group transaction with an <c>Erased</c> event (its detail says why, never what); before it, the
/// chat's link to the request and the phone number's lookup entry naming it (<see cref="IntakeGuards"/>).
/// When the citizen asked while an NGO held the case with its contact details, that NGO's group is told they were withdrawn (through <c>notifications</c>). Idempotent.</summary>
public sealed partial class PersonalDataEraser(
    ServiceRequestStore requests,
    ConversationStore conversations,
    IntakeGuards intakeGuards,
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    TimeProvider clock,
    ILogger<PersonalDataEraser> logger)
{
    private const int Attempts = 5;

    // Statuses in which the NGO holding the case has seen the contact details (they show after accepting).
    private static readonly HashSet<string> ContactSeen =
        [nameof(RequestStatus.Accepted), nameof(RequestStatus.InProgress), nameof(RequestStatus.Resolved)];

    /// <summary>Erases the personal data of the request <paramref name="trackingCode"/> (canonical form).
    /// <paramref name="actor"/> is recorded on the event (<c>citizen</c>, <c>system</c>). Retries a write
    /// that lost a race with another change (ETag). Throws <see cref="Azure.RequestFailedException"/>
    /// when storage fails; nothing is half-erased then (one transaction), and a repeat finishes the job.</summary>
    public Task<ErasureOutcome> EraseRequestAsync(string trackingCode, ErasureReason reason, string actor, CancellationToken cancellationToken) =>
        EraseAsync(trackingCode, reason, actor, unlinkChat: true, cancellationToken);

    /// <summary>Erases, at the citizen's request (<c>/forget</c> in the bot), the personal data of every
    /// request made from the private chat <paramref name="chatId"/> (its <c>request-{code}</c> rows in
    /// Conversations), each as <see cref="EraseRequestAsync"/> does with reason
    /// <see cref="ErasureReason.Citizen"/>. The chat's link to a request is removed only once that request
    /// is erased, so a repeat after a failure still finds every request left to erase (and a link left
    /// by an erasure that stopped half-way). Returns how many requests were erased now (0 when all were
    /// already). Idempotent. Throws <see cref="Azure.RequestFailedException"/> when storage fails.</summary>
    public async Task<int> EraseChatRequestsAsync(long chatId, CancellationToken cancellationToken)
    {
        var erased = 0;
        foreach (var row in await conversations.GetRequestsAsync(chatId, cancellationToken))
        {
            if (await EraseAsync(row.TrackingCode, ErasureReason.Citizen, "citizen", unlinkChat: false, cancellationToken) == ErasureOutcome.Erased)
            {
                erased++;
            }

            await conversations.RemoveRequestAsync(chatId, row.TrackingCode, cancellationToken);
        }

        return erased;
    }

    private async Task<ErasureOutcome> EraseAsync(string trackingCode, ErasureReason reason, string actor, bool unlinkChat, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var history = await requests.GetHistoryAsync(trackingCode, cancellationToken);
            if (history is null)
            {
                return ErasureOutcome.NotFound;
            }

            var request = history.Request;
            if (request.PersonalDataErasedAt is not null)
            {
                // A repeat finishes what a stopped process left: the NGO's notice is queued again (its
                // group post is made once whatever the number of messages).
                if (history.Events.LastOrDefault(e => e.Type == RequestChanges.ErasedEvent) is { NgoId: not null } done)
                {
                    await TellNgoAsync(request, done, cancellationToken);
                }

                return ErasureOutcome.AlreadyErased;
            }

            // The chat's link goes first, while the chat id is known: after the commit it is gone. (A whole
            // chat's erasure removes the links itself, after each commit: it finds the requests by them.) So
            // does the phone's lookup entry (a keyed hash of the phone naming this request), while the phone is.
            if (unlinkChat && request.Channel == RequestChannel.Telegram.Name && TelegramAddress.ChatOf(request.ChannelAddress) is { } chatId)
            {
                await conversations.RemoveRequestAsync(chatId, trackingCode, cancellationToken);
            }

            await intakeGuards.ForgetPhoneAsync(request, cancellationToken);

            var toldNgo = reason == ErasureReason.Citizen && ContactSeen.Contains(request.Status) ? request.AssignedNgoId : null;
            var erased = RequestChanges.ErasePersonalData(request, reason, actor, clock.GetUtcNow(), toldNgo);
            List<ITableEntity> cleared = [.. history.Assignments.Where(a => a.Note is not null).Select(a => { a.Note = null; return a; })];
            if (history.Feedback is { Comment: not null } feedback)
            {
                feedback.Comment = null;
                cleared.Add(feedback);
            }

            try
            {
                await requests.CommitAsync(request, cleared, [erased], cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 && attempt < Attempts)
            {
                // The request changed since it was read (an NGO acted, a notification was recorded): again.
                continue;
            }

            if (toldNgo is not null)
            {
                await TellNgoAsync(request, erased, cancellationToken);
            }

            LogErased(request.RequestId, reason);
            return ErasureOutcome.Erased;
        }
    }

    private Task TellNgoAsync(ServiceRequestEntity request, RequestEventEntity erased, CancellationToken cancellationToken) =>
        queues.SendAsync(queueNames.Value.Notifications, new StatusChanged(request.RequestId, request.PartitionKey, erased.Sequence), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Personal data of request {RequestId} erased ({Reason})")]
    private partial void LogErased(Guid requestId, ErasureReason reason);
}
