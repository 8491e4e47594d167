using System.Diagnostics;
using System.Net.Sockets;
using System.Reflection;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using NgoFunctions.Core.Localization;

namespace NgoFunctions.App.Http;

/// <summary>What an exception that escaped an HTTP function means for its caller.</summary>
public enum FailureKind
{
    /// <summary>A fault of ours: 500, with a trace id and nothing of the exception.</summary>
    Unexpected,

    /// <summary>Storage (or the network to it) failed or did not answer in time: 503 with <c>Retry-After</c>.</summary>
    Unavailable,

    /// <summary>The client went away (its own abort cancelled the work): nobody is left to answer.</summary>
    ClientGone,
}

/// <summary>The one place where an exception that escaped an HTTP function becomes an answer, in both
/// hosts: the Functions worker's <see cref="HttpFailureMiddleware"/> and LocalHost's HTTP pipeline call
/// <see cref="TryAnswerAsync"/>. A dependency that failed or timed out (see <see cref="Classify"/>)
/// answers <c>503 application/problem+json</c> with <c>Retry-After: 5</c>; anything else
/// <c>500 application/problem+json</c>. Both carry <c>traceId</c> (the current activity's id, else the
/// connection's trace identifier) and a title in the request's language; never the exception's message
/// or stack, which go to the log.</summary>
public sealed partial class FailureAnswers(Texts texts, ILogger<FailureAnswers> logger)
{
    /// <summary>How long a client is asked to wait before trying again after a 503.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>What <paramref name="exception"/> means, given the request's abort token
    /// <paramref name="requestAborted"/>: <see cref="FailureKind.Unavailable"/> for an
    /// <see cref="RequestFailedException"/> (including <c>TableTransactionFailedException</c>) with
    /// status 0 (no answer), 408, 429 or 5xx, an <see cref="HttpRequestException"/>,
    /// <see cref="SocketException"/>, <see cref="TimeoutException"/>, or a cancellation the client did
    /// not cause (the storage SDK's per-try timeout), and an <see cref="AggregateException"/> (the SDK's
    /// "retry failed") of only those; <see cref="FailureKind.ClientGone"/> for a cancellation once the
    /// client aborted; else <see cref="FailureKind.Unexpected"/>.</summary>
    public static FailureKind Classify(Exception exception, CancellationToken requestAborted)
    {
        var inner = Unwrap(exception);
        if (inner is OperationCanceledException && requestAborted.IsCancellationRequested)
        {
            return FailureKind.ClientGone;
        }

        return IsTransient(inner) ? FailureKind.Unavailable : FailureKind.Unexpected;
    }

    /// <summary>Answers <paramref name="exception"/> on <paramref name="context"/>'s response, as
    /// <see cref="Classify"/> says. Returns <c>false</c>, writing nothing, when the response has started
    /// or the client is gone: the caller lets the exception go on then.</summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, Exception exception)
    {
        var kind = Classify(exception, context.RequestAborted);
        if (kind == FailureKind.ClientGone || context.Response.HasStarted)
        {
            return false;
        }

        var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
        var language = RequestLanguage.Of(context.Request);
        var inner = Unwrap(exception);
        var unavailable = kind == FailureKind.Unavailable;
        // The route's template, not its path: a path holds a tracking code, the key to a request's status.
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        if (unavailable)
        {
            // An outage is expected now and then and may last: one line per request, without a stack.
            LogUnavailable(context.Request.Method, route, inner.GetType().Name, (inner as RequestFailedException)?.Status, traceId);
        }
        else
        {
            LogUnexpected(inner, context.Request.Method, route, traceId);
        }

        context.Response.Clear();
        context.Response.Headers.CacheControl = "no-store";
        if (unavailable)
        {
            context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var problem = new ProblemDetails
        {
            Status = unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
            Title = texts.Get(unavailable ? "problem.unavailable" : "problem.unexpected", language),
            Instance = context.Request.Path,
            Extensions = { ["traceId"] = traceId },
        };
        // With its charset, as every other problem of the API is answered.
        await Results.Json(problem, options: null, contentType: Problems.MediaType + "; charset=utf-8", statusCode: problem.Status).ExecuteAsync(context);
        return true;
    }

    // MethodInfo.Invoke wraps what a synchronous function throws; what matters is inside.
    private static Exception Unwrap(Exception exception) =>
        exception is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : exception;

    private static bool IsTransient(Exception exception) => exception switch
    {
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => IsTransient(Unwrap(e))),
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        HttpRequestException or SocketException or TimeoutException or OperationCanceledException => true,
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Route} answered 503: {ExceptionType} (storage status {StorageStatus}); trace {TraceId}")]
    private partial void LogUnavailable(string method, string route, string exceptionType, int? storageStatus, string traceId);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} {Route} answered 500; trace {TraceId}")]
    private partial void LogUnexpected(Exception exception, string method, string route, string traceId);
}
