using System.Net.Http;
using Telegram.Bot.Exceptions;

namespace NgoFunctions.Core.Telegram;

/// <summary>How a failed Bot API call is read: a failure that may pass (the Bot API, or the way to it,
/// is down or slow) or the Bot API's own answer about the call.</summary>
internal static class BotApiFailures
{
    /// <summary>Whether <paramref name="ex"/> says nothing about the call itself: Telegram.Bot wraps a
    /// connection failure, a time-out or an answer that is not the Bot API's JSON (a proxy's 502 page) in
    /// <see cref="RequestException"/>; the Bot API's own 5xx is an <see cref="ApiRequestException"/>. A
    /// cancellation is passing only when <paramref name="cancellationToken"/> did not ask for it.</summary>
    public static bool IsPassing(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        ApiRequestException api => api.ErrorCode >= 500,
        RequestException or HttpRequestException or TimeoutException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
