using Grpc.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using NgoFunctions.LocalHost.FunctionRpc;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>The connected worker, for everything that invokes a function: waits for one to be ready
/// (connected, initialised, functions loaded), and hands out the current session. A worker that
/// restarts connects again and replaces the session; <see cref="GetChangeToken"/> fires then, so the
/// HTTP routes follow the new worker's metadata.</summary>
internal sealed partial class WorkerChannel(IOptions<WorkerHostOptions> options, ILoggerFactory loggers)
{
    private readonly Lock _gate = new();
    private readonly ILogger _logger = loggers.CreateLogger<WorkerChannel>();
    private TaskCompletionSource<WorkerSession> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _changed = new();

    /// <summary>The worker's app folder, as the Functions host tells it the script root.</summary>
    public string AppDirectory { get; } = options.Value.ResolveDirectory();

    /// <summary>The ready session, or null while none is.</summary>
    public WorkerSession? Current
    {
        get
        {
            lock (_gate)
            {
                return _ready.Task.IsCompletedSuccessfully ? _ready.Task.Result : null;
            }
        }
    }

    /// <summary>Fires when a worker becomes ready.</summary>
    public IChangeToken GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>The ready session; waits up to <see cref="WorkerHostOptions.StartTimeoutSeconds"/> for
    /// one, then throws <see cref="WorkerUnavailableException"/>.</summary>
    public async Task<WorkerSession> WaitAsync(CancellationToken cancellationToken)
    {
        Task<WorkerSession> ready;
        lock (_gate)
        {
            ready = _ready.Task;
        }

        try
        {
            return await ready.WaitAsync(TimeSpan.FromSeconds(options.Value.StartTimeoutSeconds), cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new WorkerUnavailableException("No worker is ready.");
        }
    }

    /// <summary>Serves one worker's stream (from its <c>StartStream</c> to its end): runs the start-up
    /// exchange, publishes the session, and returns when the stream ends.</summary>
    public async Task ServeAsync(
        string workerId, IAsyncStreamReader<StreamingMessage> reader, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
    {
        var session = new WorkerSession(workerId, writer, loggers);
        var reading = session.ReadAsync(reader, cancellationToken);
        try
        {
            using var startUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Closed);
            startUp.CancelAfter(TimeSpan.FromSeconds(options.Value.StartTimeoutSeconds));
            await session.InitialiseAsync(AppDirectory, startUp.Token);
            if (session.HttpUri is { } httpUri)
            {
                await WaitUntilListeningAsync(httpUri, startUp.Token);
            }

            Publish(session);
            LogReady(workerId, session.Functions.Count, session.HttpUri?.ToString() ?? "none");
        }
        catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException or WorkerUnavailableException)
        {
            LogStartFailed(workerId, exception.Message);
            await session.TerminateAsync(TimeSpan.Zero);
        }

        await reading;
        Withdraw(session);
    }

    // The worker reports its HTTP address when it initialises, before its web server necessarily listens:
    // ready means both, so no forwarded request meets a closed port.
    private static async Task WaitUntilListeningAsync(Uri httpUri, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(httpUri.Host, httpUri.Port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    private void Publish(WorkerSession session)
    {
        CancellationTokenSource changed;
        lock (_gate)
        {
            if (!_ready.TrySetResult(session))
            {
                _ready = new TaskCompletionSource<WorkerSession>(TaskCreationOptions.RunContinuationsAsynchronously);
                _ready.SetResult(session);
            }

            changed = _changed;
            _changed = new CancellationTokenSource();
        }

        changed.Cancel();
        changed.Dispose();
    }

    private void Withdraw(WorkerSession session)
    {
        lock (_gate)
        {
            if (_ready.Task.IsCompletedSuccessfully && ReferenceEquals(_ready.Task.Result, session))
            {
                _ready = new TaskCompletionSource<WorkerSession>(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Worker {WorkerId} ready: {Count} functions, HTTP at {HttpUri}")]
    private partial void LogReady(string workerId, int count, string httpUri);

    [LoggerMessage(Level = LogLevel.Error, Message = "Worker {WorkerId} failed to start: {Reason}")]
    private partial void LogStartFailed(string workerId, string reason);
}
