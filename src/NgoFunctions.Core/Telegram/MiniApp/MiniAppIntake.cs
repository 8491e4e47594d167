using System.Security.Cryptography;
using System.Text;
using NgoFunctions.Core.Domain;
using NgoFunctions.Core.Intake;
using NgoFunctions.Core.Outcomes;
using NgoFunctions.Core.Telegram.Conversation;

namespace NgoFunctions.Core.Telegram.MiniApp;

/// <summary>A service request made in the Mini App form: the same intake and validation as the form
/// and the chat (<see cref="ServiceRequestIntake"/>), the chat's own limits
/// (<see cref="ChatRequests.LimitAsync"/>), tied to the private chat that opened the page, so the chat
/// is told the tracking code (<see cref="ChatReceipts"/>) and gets the status updates, as if the request
/// had been written in the chat.
/// <para>Idempotent: the request's tracking code is drawn from the opening's signature (which only
/// Telegram and this server can make), so posting the same form again from the same opening (a retry
/// after a lost answer, a second tap) returns the request made the first time, and the chat is told
/// once (a turn <c>miniapp-{code}</c> of <see cref="ChatTurns"/>).</para></summary>
public sealed class MiniAppIntake(ServiceRequestIntake intake, ChatRequests chatRequests, ChatReceipts receipts, ChatTurns turns)
{
    /// <summary>Submits <paramref name="submission"/> for the chat of <paramref name="launch"/>. Answers as
    /// <see cref="ServiceRequestIntake.SubmitAsync(SubmitServiceRequest, TrackingCode?, CancellationToken)"/>
    /// does, and <see cref="Outcome{T}.Conflict"/> (<c>bot.limit.daily</c> / <c>bot.limit.open</c>) when
    /// the chat may not make another request now. Throws as storage and <see cref="ChatTurns.TakeAsync"/> do;
    /// a request stored before the chat could be told is told on the retry, which finds it.</summary>
    public async Task<Outcome<IntakeReceipt>> SubmitAsync(MiniAppLaunch launch, SubmitServiceRequest submission, CancellationToken cancellationToken)
    {
        var code = TrackingCode.FromDigest(SHA256.HashData(Encoding.UTF8.GetBytes("miniapp:" + launch.Hash)));
        if (await chatRequests.LimitAsync(launch.ChatId, code, cancellationToken) is { } limit)
        {
            return new Outcome<IntakeReceipt>.Conflict(limit);
        }

        var outcome = await intake.SubmitAsync(
            submission with { Channel = RequestChannel.Telegram, ChannelAddress = TelegramAddress.Of(launch.ChatId), ClientAddress = null },
            code,
            cancellationToken);
        if (outcome is Outcome<IntakeReceipt>.Done { Value: var receipt })
        {
            await turns.TakeAsync($"miniapp-{code.Value}", launch.ChatId, async state =>
            {
                // The page was opened from the chat's first question: a draft begun there gives way to
                // the request made in the page.
                if (state.CurrentStep() == ConversationStep.Sector)
                {
                    state.ClearDraft();
                }

                return [await receipts.TellAsync(state, launch.ChatId, receipt, cancellationToken)];
            }, cancellationToken);
        }

        return outcome;
    }
}
