using NgoFunctions.App.Http;
using NgoFunctions.LocalHost.FunctionRpc;
using Yarp.ReverseProxy.Forwarder;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>Runs an HTTP function in the worker the way the Functions host does with the worker's ASP.NET
/// Core integration: an <c>InvocationRequest</c> over the stream (the trigger's request line and headers,
/// the route values as trigger metadata) and, at the same time, the HTTP request itself forwarded to
/// the worker's HTTP address with the invocation id in <c>x-ms-invocation-id</c>; the worker pairs the
/// two, runs the function with its middleware, and answers the forwarded request, which is copied back
/// to the caller. A worker that is not there gets the caller a 503 problem+json with Retry-After.</summary>
internal sealed partial class WorkerHttpInvoker(
    WorkerChannel channel, IHttpForwarder forwarder, WorkerHttpClient client, FailureAnswers answers, ILogger<WorkerHttpInvoker> logger)
{
    /// <summary>The header that pairs a forwarded request with its invocation.</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    public async Task InvokeAsync(HttpContext context, WorkerFunction function)
    {
        WorkerSession session;
        try
        {
            session = await channel.WaitAsync(context.RequestAborted);
        }
        catch (WorkerUnavailableException)
        {
            await AnswerUnavailableAsync(context);
            return;
        }

        var request = Request(context, function);
        using var invocationEnded = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var invocation = session.InvokeAsync(request, invocationEnded.Token);

        var error = await forwarder.SendAsync(
            context, session.HttpUri!.ToString(), client.Invoker, ForwarderRequestConfig.Empty, new InvocationTransformer(request.InvocationId));

        if (error != ForwarderError.None)
        {
            // The worker never answered: stop waiting for the invocation (the worker is told to cancel it).
            await invocationEnded.CancelAsync();
            LogForwardFailed(function.Name, error.ToString());
            if (!context.Response.HasStarted)
            {
                await AnswerUnavailableAsync(context);
            }
        }

        try
        {
            var response = await invocation;
            if (response.Result.Status != StatusResult.Types.Status.Success)
            {
                LogInvocationFailed(function.Name, response.Result.Exception?.Message ?? response.Result.Status.ToString());
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WorkerUnavailableException)
        {
            // Answered (or refused) above already; nothing more to tell the caller.
        }
    }

    // A worker that is not there (starting, restarting) is a dependency that did not answer in time:
    // the application's own 503 problem+json with Retry-After, in the caller's language.
    private Task AnswerUnavailableAsync(HttpContext context) =>
        answers.TryAnswerAsync(context, new TimeoutException("No worker answered."));

    private static InvocationRequest Request(HttpContext context, WorkerFunction function)
    {
        var http = new RpcHttp { Method = context.Request.Method, Url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}" };
        foreach (var (name, values) in context.Request.Headers)
        {
            http.Headers[name.ToLowerInvariant()] = values.ToString();
        }

        var request = function.NewInvocation();
        request.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = new TypedData { Http = http } });
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value?.ToString() is { } text)
            {
                request.TriggerMetadata[name] = new TypedData { String = text };
            }
        }

        return request;
    }

    /// <summary>Forwards the request as it came (method, path, query, headers, body), adding the invocation
    /// id and, as the Functions host's proxy does, <c>X-Forwarded-For</c> (the caller's address appended),
    /// <c>X-Forwarded-Host</c> and <c>X-Forwarded-Proto</c>: the worker's HTTP integration trusts these from
    /// its host (loopback) and takes the last address as the connection's, so a caller cannot choose it by
    /// sending its own header.</summary>
    private sealed class InvocationTransformer(string invocationId) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(
            HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            var request = httpContext.Request;
            var forwardedFor = request.Headers["X-Forwarded-For"].Append(httpContext.Connection.RemoteIpAddress?.ToString()).OfType<string>();
            proxyRequest.Headers.Remove("X-Forwarded-For");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", string.Join(", ", forwardedFor));
            proxyRequest.Headers.Remove("X-Forwarded-Host");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
            proxyRequest.Headers.Remove("X-Forwarded-Proto");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
            proxyRequest.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding {Function} to the worker failed: {Error}")]
    private partial void LogForwardFailed(string function, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The worker reported {Function} failed: {Reason}")]
    private partial void LogInvocationFailed(string function, string reason);
}
