using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Security;
using NgoFunctions.Core.Storage;
using NgoFunctions.Core.Telegram.Updates;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace NgoFunctions.Core.Telegram;

/// <summary>The webhook's whole job, kept short so Telegram gets its answer at once: check the secret
/// token; then a private chat's update is answered while the call is open (<see cref="TelegramUpdateHandler"/>,
/// the same once-per-update, store-then-send turn the queue runs) when that takes at most
/// <see cref="TelegramOptions.InlineBudgetMilliseconds"/>; any other update, and one that takes longer or
/// fails (storage slow or down), goes on <c>telegram-updates</c> as before. A reply the Bot API does not
/// take waits in the chat's outbox and is sent again from the queue, inline or not. If the queue cannot
/// take the update, the call fails and Telegram delivers the update again.</summary>
public sealed partial class TelegramWebhookIntake(
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    IOptionsMonitor<TelegramOptions> options,
    TelegramUpdateHandler handler,
    TimeProvider clock,
    ILogger<TelegramWebhookIntake> logger)
{
    /// <summary>The header Telegram sends the <c>secret_token</c> of <c>setWebhook</c> in.</summary>
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    // A queue message holds 64 KiB of base64: 48 KiB of update. Real updates are a few KiB.
    private const int MaxUpdateBytes = 48 * 1024;

    // What is queued also carries the trace context (QueueSender stamps it): room is left for it.
    private const int MaxQueuedBytes = MaxUpdateBytes - 512;

    /// <summary>Whether <paramref name="presented"/> equals the configured webhook secret (constant-time
    /// comparison of SHA-256 digests, so neither length nor content leaks through timing). Always
    /// <c>false</c> when no secret is configured (<see cref="ConfiguredSecret"/>: an unresolved Key Vault
    /// reference is none): an open webhook would let anyone speak for any chat.</summary>
    public bool IsAuthentic(string? presented)
    {
        var secret = ConfiguredSecret.Of(options.CurrentValue.WebhookSecret);
        if (secret is null || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Answers or queues an authentic update. An update that is not JSON with an
    /// <c>update_id</c>, or is too large, is logged (without its content) and dropped, so Telegram does
    /// not send it forever. Throws <see cref="Azure.RequestFailedException"/> when the queue refuses:
    /// Telegram retries.</summary>
    public async Task AcceptAsync(string body, CancellationToken cancellationToken)
    {
        if (Encoding.UTF8.GetByteCount(body) > MaxUpdateBytes)
        {
            LogDropped("too large");
            return;
        }

        JsonElement update;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("update_id", out var id) || id.ValueKind != JsonValueKind.Number)
            {
                LogDropped("no update_id");
                return;
            }

            update = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            LogDropped("not JSON");
            return;
        }

        try
        {
            // A string escaping half a UTF-16 surrogate pair ("\ud800") parses but cannot be written out
            // again: the queue message could never be made, and Telegram would send it for ever. Written
            // out, non-ASCII text is escaped (\uXXXX, 6 bytes for 2), so the queue's limit is checked on
            // what is queued, not on what arrived.
            if (JsonSerializer.SerializeToUtf8Bytes(update, MessageJson.Options).Length > MaxQueuedBytes)
            {
                LogDropped("too large once queued");
                return;
            }
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            LogDropped("invalid text");
            return;
        }

        if (await AnsweredInlineAsync(body, update, cancellationToken))
        {
            return;
        }

        await queues.SendAsync(queueNames.Value.TelegramUpdates, update, cancellationToken);
    }

    // Whether the update was handled here, within the budget. Past the budget the turn goes on (it is
    // not cancelled: a turn stopped between storing and sending would hold the chat's outbox until its
    // claim runs out) and the update is queued as well: whichever of the two comes second finds the
    // update handled, or loses the ETag race and then finds it handled, and only delivers what waits.
    private async Task<bool> AnsweredInlineAsync(string body, JsonElement update, CancellationToken cancellationToken)
    {
        var budget = options.CurrentValue.InlineBudgetMilliseconds;
        if (budget == 0 || !IsPrivateChat(update))
        {
            return false;
        }

        var handling = handler.HandleAsync(body, CancellationToken.None);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var budgetSpent = Task.Delay(TimeSpan.FromMilliseconds(budget), clock, stop.Token);
        if (await Task.WhenAny(handling, budgetSpent) != handling)
        {
            _ = handling.ContinueWith(t => LogLateFailure(t.Exception!.InnerException!.GetType().Name), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            LogQueued("over budget");
            return false;
        }

        await stop.CancelAsync();
        try
        {
            await handling;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogQueued(ex.GetType().Name);
            return false;
        }
    }

    private static bool IsPrivateChat(JsonElement update)
    {
        try
        {
            return update.Deserialize<Update>(JsonBotAPI.Options) is { } read && UpdateReader.Read(read) is UpdateKind.Private;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram update queued after trying to answer it in the webhook: {Reason}")]
    private partial void LogQueued(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update's answer in the webhook failed after it was queued: {Exception}; the queued copy handles it")]
    private partial void LogLateFailure(string exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update dropped at the webhook: {Reason}")]
    private partial void LogDropped(string reason);
}
