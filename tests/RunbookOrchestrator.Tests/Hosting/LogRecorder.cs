using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Hosting;

/// <summary>A logging sink for tests: keeps every entry that reaches it (level, category, message, exception, structured values),
/// safe to read while the code under test still logs.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>The entries so far, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Everything a reader of the log could see, one string per piece: each message, each exception's full text and
    /// each structured value as <c>name=value</c> (what a leak check must search).</summary>
    public IReadOnlyList<string> Lines =>
        [.. _entries.SelectMany(e => new[] { e.Message }.Concat(e.Exception is null ? [] : [e.Exception.ToString()]).Concat(e.Properties))];

    public ILogger CreateLogger(string categoryName) => new Sink(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Sink(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IReadOnlyList<KeyValuePair<string, object?>> values ? values.Select(p => $"{p.Key}={p.Value}").ToList() : [];
            entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception, properties));
        }
    }
}

/// <summary>One recorded log entry.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception, IReadOnlyList<string> Properties);
