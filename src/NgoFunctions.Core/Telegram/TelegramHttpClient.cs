using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace NgoFunctions.Core.Telegram;

/// <summary>The HTTP client the bot sends with (<see cref="TelegramGateway.HttpClientName"/>), with
/// short in-process retries of the failures that pass in a moment (a dropped connection, a time-out, a
/// 5xx): exponential back-off with jitter from <see cref="TelegramOptions.TransientRetries"/> and
/// <see cref="TelegramOptions.AttemptTimeoutSeconds"/>, through Microsoft.Extensions.Http.Resilience
/// (Polly). Short on purpose: a queue message is not held long, and a longer outage is waited out on the
/// queue (<see cref="ChatOutbox"/>, <see cref="Notifications.StatusChangeDelivery"/>). A 429 is not
/// retried here: its <c>retry_after</c> can be a minute, so callers put the message back on the queue.</summary>
public static class TelegramHttpClient
{
    /// <summary>Registers the named client and its resilience pipeline.</summary>
    public static IServiceCollection AddTelegramHttpClient(this IServiceCollection services)
    {
        // The Bot API takes the bot token in its URL path, and the factory's default loggers write every
        // request URI (Information and Trace): none for this client. Its calls stay traced, token masked
        // (Telemetry.BotTokenRedaction), and the callers log their outcomes without it.
        services.AddHttpClient(TelegramGateway.HttpClientName)
            .RemoveAllLoggers()
            .AddResilienceHandler("bot-api", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<TelegramOptions>>().Value;
                pipeline
                    .AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = Math.Max(1, options.TransientRetries),
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                        ShouldHandle = args => ValueTask.FromResult(options.TransientRetries > 0 && IsPassing(args.Outcome)),
                    })
                    .AddTimeout(TimeSpan.FromSeconds(options.AttemptTimeoutSeconds));
            });
        return services;
    }

    // Every answer sendMessage may repeat safely enough: no answer at all, a time-out, or a 5xx (Telegram
    // answers 5xx when it did not take the message). Not 429 (see above) nor any other 4xx.
    private static bool IsPassing(Outcome<HttpResponseMessage> outcome) =>
        HttpClientResiliencePredicates.IsTransient(outcome)
        && outcome.Result?.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout);
}
