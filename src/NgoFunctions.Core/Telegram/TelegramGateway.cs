using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace NgoFunctions.Core.Telegram;

/// <summary>Sends bot messages through the real <see cref="TelegramBotClient"/>, pointed at
/// <see cref="TelegramOptions.ApiBaseUrl"/>, on an <see cref="HttpClient"/> from the factory.</summary>
public sealed class TelegramGateway(IHttpClientFactory httpClients, IOptions<TelegramOptions> options)
{
    /// <summary>The named HTTP client the gateway uses.</summary>
    public const string HttpClientName = "telegram";

    /// <summary>Whether a bot token is configured.</summary>
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>A client for the configured bot. The client's own wait-and-retry on 429 is off: a
    /// webhook call or a queue message must not be held for a minute, so callers re-queue instead.
    /// Throws <see cref="InvalidOperationException"/> when no token is configured.</summary>
    public ITelegramBotClient CreateClient() =>
        IsConfigured
            ? new TelegramBotClient(
                new TelegramBotClientOptions(options.Value.BotToken!, options.Value.ApiBaseUrl) { RetryCount = 0 },
                httpClients.CreateClient(HttpClientName))
            : throw new InvalidOperationException("Telegram:BotToken is not configured.");
}
