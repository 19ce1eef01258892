using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EduPlatform.Testing;

/// <summary>Every error-level (and worse) line a hosted service logs, so a test can say none were.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                // The trace the line belongs to, as the OpenTelemetry logger stamps it on the exported record.
                var trace = System.Diagnostics.Activity.Current is { } activity ? $" [trace {activity.TraceId}]" : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{trace}");
            }
        }
    }
}
