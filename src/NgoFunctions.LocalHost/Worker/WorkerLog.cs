using NgoFunctions.LocalHost.FunctionRpc;

namespace NgoFunctions.LocalHost.Worker;

/// <summary>Writes the worker's log messages (<c>RpcLog</c>, sent over the stream as the Functions host
/// receives them) to this host's logging, under the worker's own category, so the host's log filters
/// apply to them as <c>host.json</c>'s do in Azure. Custom metrics are not logs and are dropped.</summary>
internal static class WorkerLog
{
    public static void Write(ILoggerFactory loggers, RpcLog log)
    {
        if (log.LogCategory == RpcLog.Types.RpcLogCategory.CustomMetric)
        {
            return;
        }

        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };
        var logger = loggers.CreateLogger(string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category);
        if (level == LogLevel.None || !logger.IsEnabled(level))
        {
            return;
        }

        // The worker formatted the message already; its exception arrives as text (type, message, stack).
        if (log.Exception is { } exception)
        {
            logger.Log(level, "{Message} ({ExceptionType}: {ExceptionMessage})", log.Message, exception.Type, exception.Message);
        }
        else
        {
            logger.Log(level, "{Message}", log.Message);
        }
    }
}
