using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace NgoFunctions.Tests.Infrastructure;

/// <summary>Keeps every log entry written through it, at every level, as text: the category, the
/// formatted message, each structured state value, the exception and the active scopes. Register it with
/// a filter of its own (<c>AddFilter&lt;CapturingLoggerProvider&gt;(null, LogLevel.Trace)</c>) so the
/// host's configured levels keep the console quiet while this provider sees everything.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>Every entry so far, in arrival order.</summary>
    public ConcurrentQueue<CapturedLog> Entries { get; } = new();

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = new List<string>();
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                values.AddRange(pairs.Select(p => $"{p.Key}={p.Value}"));
            }
            else
            {
                values.Add(state?.ToString() ?? string.Empty);
            }

            provider._scopes.ForEachScope((scope, list) => list.Add(scope is IEnumerable<KeyValuePair<string, object?>> s
                ? string.Join(", ", s.Select(p => $"{p.Key}={p.Value}"))
                : scope?.ToString() ?? string.Empty), values);
            provider.Entries.Enqueue(new CapturedLog(logLevel, category, formatter(state, exception) ?? string.Empty, values, exception?.ToString()));
        }
    }
}

/// <summary>One captured log entry: level, category, formatted message, state and scope values as
/// <c>key=value</c> text, and the exception's full text (or <c>null</c>).</summary>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, IReadOnlyList<string> Values, string? Exception)
{
    /// <summary>Every piece of text the entry carries.</summary>
    public IEnumerable<string> Texts() => [Category, Message, .. Values, Exception ?? string.Empty];
}
