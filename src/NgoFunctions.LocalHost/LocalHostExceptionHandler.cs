using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;

namespace NgoFunctions.LocalHost;

/// <summary>What the WebJobs runtime does with an exception that escaped a function's own handling.
/// Its default rethrows it on a new thread to kill the process, so that a host supervisor restarts
/// it; LocalHost has no supervisor and may share its process with a test run, so it logs the
/// exception and stops the host instead — and ignores it while the host is already stopping, when
/// a function still finishing finds the logging system gone.</summary>
public sealed partial class LocalHostExceptionHandler(IHostApplicationLifetime lifetime, ILogger<LocalHostExceptionHandler> logger)
    : IWebJobsExceptionHandler, IWebJobsExceptionHandlerFactory
{
    // Taken now: once the host is disposed, asking the lifetime for it may throw.
    private readonly CancellationToken _stopping = lifetime.ApplicationStopping;

    /// <inheritdoc />
    public IWebJobsExceptionHandler Create(IHost jobHost) => this;

    /// <inheritdoc />
    public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod) => OnUnhandledExceptionAsync(exceptionInfo);

    /// <inheritdoc />
    public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
    {
        if (_stopping.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        try
        {
            LogStopping(exceptionInfo.SourceException.GetType().Name);
            lifetime.StopApplication();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and now: stopping anyway.
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Unhandled {ExceptionType} in the queue runtime; the local host stops")]
    private partial void LogStopping(string exceptionType);
}
