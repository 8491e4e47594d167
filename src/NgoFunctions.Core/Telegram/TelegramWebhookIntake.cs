using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NgoFunctions.Core.Messages;
using NgoFunctions.Core.Storage;

namespace NgoFunctions.Core.Telegram;

/// <summary>The webhook's whole job, kept short so Telegram gets its answer at once: check the secret
/// token, then put the update on <c>telegram-updates</c> for <see cref="TelegramUpdateHandler"/>. If the
/// queue cannot take it, the call fails and Telegram delivers the update again.</summary>
public sealed partial class TelegramWebhookIntake(
    QueueSender queues,
    IOptions<QueueOptions> queueNames,
    IOptionsMonitor<TelegramOptions> options,
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
    /// <c>false</c> when no secret is configured: an open webhook would let anyone speak for any chat.</summary>
    public bool IsAuthentic(string? presented)
    {
        var secret = options.CurrentValue.WebhookSecret;
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>Queues an authentic update. An update that is not JSON with an <c>update_id</c>, or is
    /// too large, is logged (without its content) and dropped, so Telegram does not send it forever.
    /// Throws <see cref="Azure.RequestFailedException"/> when the queue refuses: Telegram retries.</summary>
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

        await queues.SendAsync(queueNames.Value.TelegramUpdates, update, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram update dropped at the webhook: {Reason}")]
    private partial void LogDropped(string reason);
}
