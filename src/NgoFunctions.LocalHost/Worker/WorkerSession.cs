using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using NgoFunctions.LocalHost.FunctionRpc;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>One connected worker: its <c>EventStream</c>, the start-up exchange (init, function metadata,
/// function load) and every invocation in flight, matched to its response by invocation id. Messages
/// from the worker are read by <see cref="ReadAsync"/>; writes are serialised (a gRPC stream takes one
/// write at a time).</summary>
internal sealed partial class WorkerSession(string workerId, IServerStreamWriter<StreamingMessage> writer, ILoggerFactory loggers)
{
    /// <summary>The capability the worker's ASP.NET Core integration reports: where it listens for the
    /// HTTP requests the host forwards.</summary>
    public const string HttpUriCapability = "HttpUri";

    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new(StringComparer.Ordinal);
    private readonly ILogger _logger = loggers.CreateLogger<WorkerSession>();
    private readonly CancellationTokenSource _closed = new();

    /// <summary>The worker's id (its <c>StartStream</c>).</summary>
    public string WorkerId { get; } = workerId;

    /// <summary>The worker's functions, once loaded.</summary>
    public IReadOnlyList<WorkerFunction> Functions { get; private set; } = [];

    /// <summary>Where the worker's ASP.NET Core integration listens, once initialised.</summary>
    public Uri? HttpUri { get; private set; }

    /// <summary>Cancelled when the stream ends (the worker exited or the host stops).</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>The start-up exchange, as the Functions host runs it: <c>WorkerInitRequest</c>, then
    /// <c>FunctionsMetadataRequest</c> (the worker indexes its own functions), then one
    /// <c>FunctionLoadRequest</c> per function. Throws <see cref="InvalidOperationException"/> when the
    /// worker reports a failure.</summary>
    public async Task InitialiseAsync(string appDirectory, CancellationToken cancellationToken)
    {
        var init = new WorkerInitRequest { HostVersion = "4.0.0-ngofunctions-localhost", WorkerDirectory = appDirectory, FunctionAppDirectory = appDirectory };
        var initResponse = (await RequestAsync(new StreamingMessage { WorkerInitRequest = init }, cancellationToken)).WorkerInitResponse;
        EnsureSuccess(initResponse.Result, "initialise");
        HttpUri = initResponse.Capabilities.TryGetValue(HttpUriCapability, out var uri) ? new Uri(uri) : null;

        var metadata = (await RequestAsync(new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory } }, cancellationToken))
            .FunctionMetadataResponse;
        EnsureSuccess(metadata.Result, "index its functions");
        if (metadata.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asked the host to index its functions; this host only runs workers that index their own (Worker SDK with worker indexing).");
        }

        var functions = new List<WorkerFunction>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            if (string.IsNullOrEmpty(function.FunctionId))
            {
                function.FunctionId = Guid.NewGuid().ToString();
            }

            var load = new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function } };
            EnsureSuccess((await RequestAsync(load, cancellationToken)).FunctionLoadResponse.Result, $"load {function.Name}");
            functions.Add(WorkerFunction.From(function));
        }

        Functions = functions;
    }

    /// <summary>Sends <paramref name="request"/> and waits for the worker's <c>InvocationResponse</c>.
    /// When <paramref name="cancellationToken"/> fires first, the worker is sent <c>InvocationCancel</c>
    /// and <see cref="OperationCanceledException"/> is thrown; when the worker goes away first,
    /// <see cref="WorkerUnavailableException"/>.</summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        var pending = Track(request.InvocationId);
        try
        {
            await SendAsync(new StreamingMessage { InvocationRequest = request }, cancellationToken);
            return (await pending.Task.WaitAsync(cancellationToken)).InvocationResponse;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !Closed.IsCancellationRequested)
        {
            await TrySendAsync(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } });
            throw;
        }
        finally
        {
            _pending.TryRemove(request.InvocationId, out _);
        }
    }

    /// <summary>Asks the worker to stop (<c>WorkerTerminate</c>) within <paramref name="gracePeriod"/>.</summary>
    public Task TerminateAsync(TimeSpan gracePeriod) =>
        TrySendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Duration.FromTimeSpan(gracePeriod) } });

    /// <summary>Reads the worker's messages until the stream ends, completing what waits for each; then
    /// fails everything still waiting with <see cref="WorkerUnavailableException"/>.</summary>
    public async Task ReadAsync(IAsyncStreamReader<StreamingMessage> reader, CancellationToken cancellationToken)
    {
        try
        {
            while (await reader.MoveNext(cancellationToken))
            {
                Dispatch(reader.Current);
            }
        }
        catch (Exception exception) when (exception is IOException or Grpc.Core.RpcException or OperationCanceledException)
        {
            // The worker went away or the host is stopping: handled below, as for a stream that ended.
        }
        finally
        {
            await _closed.CancelAsync();
            foreach (var waiting in _pending.Values)
            {
                waiting.TrySetException(new WorkerUnavailableException($"Worker {WorkerId} closed its stream."));
            }
        }
    }

    private void Dispatch(StreamingMessage message)
    {
        var key = message.ContentCase switch
        {
            StreamingMessage.ContentOneofCase.InvocationResponse => message.InvocationResponse.InvocationId,
            StreamingMessage.ContentOneofCase.FunctionLoadResponse => message.FunctionLoadResponse.FunctionId,
            StreamingMessage.ContentOneofCase.RpcLog => null,
            _ => message.RequestId,
        };

        if (message.ContentCase == StreamingMessage.ContentOneofCase.RpcLog)
        {
            WorkerLog.Write(loggers, message.RpcLog);
        }
        else if (key is not null && _pending.TryGetValue(key, out var waiting))
        {
            waiting.TrySetResult(message);
        }
        else
        {
            LogUnexpected(message.ContentCase.ToString());
        }
    }

    private async Task<StreamingMessage> RequestAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var key = message.ContentCase == StreamingMessage.ContentOneofCase.FunctionLoadRequest ? message.FunctionLoadRequest.FunctionId : message.RequestId;
        var pending = Track(key);
        try
        {
            await SendAsync(message, cancellationToken);
            return await pending.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    private TaskCompletionSource<StreamingMessage> Track(string key)
    {
        var pending = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, pending))
        {
            throw new InvalidOperationException($"Two messages in flight share the id {key}.");
        }

        if (Closed.IsCancellationRequested)
        {
            pending.TrySetException(new WorkerUnavailableException($"Worker {WorkerId} closed its stream."));
        }

        return pending;
    }

    private async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            Closed.ThrowIfCancellationRequested();
            await writer.WriteAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or Grpc.Core.RpcException || (exception is OperationCanceledException && Closed.IsCancellationRequested))
        {
            throw new WorkerUnavailableException($"Worker {WorkerId} cannot be written to: {exception.Message}", exception);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task TrySendAsync(StreamingMessage message)
    {
        try
        {
            await SendAsync(message, CancellationToken.None);
        }
        catch (WorkerUnavailableException)
        {
            // Gone already: nothing left to tell it.
        }
    }

    private static void EnsureSuccess(StatusResult result, string step)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"The worker could not {step}: {result.Exception?.Message ?? result.Result}");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker message {Content} matched nothing in flight")]
    private partial void LogUnexpected(string content);
}

/// <summary>The worker process is not connected (not started yet, exited, or restarting).</summary>
public sealed class WorkerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
