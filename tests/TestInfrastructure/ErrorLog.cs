using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Xunit;

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
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}");
            }
        }
    }
}

/// <summary>
/// Issue 23: a normal start on a new database logs no error, so that people never learn to ignore red
/// lines. Each service's test project runs it with a factory of its own (a fresh database).
/// </summary>
public abstract class QuietStartTests<TProgram>(ServiceFactory<TProgram> factory) where TProgram : class
{
    protected abstract string[] ReadinessChecks { get; }

    [Fact]
    public async Task A_normal_start_on_a_new_database_logs_no_error()
    {
        await factory.AssertHealthyAsync(ReadinessChecks);

        Assert.True(factory.Errors.Lines.Count == 0, string.Join("\n", factory.Errors.Lines));
    }
}
