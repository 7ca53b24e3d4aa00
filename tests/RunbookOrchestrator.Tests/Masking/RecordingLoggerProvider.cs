using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Masking;

/// <summary>A logging sink for tests: keeps each formatted message and exception text that reaches it.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider
{
    public List<string> Lines { get; } = [];

    /// <summary>A copy of the lines so far, safe to read while the server still logs.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (Lines) return Lines.ToList();
    }

    public ILogger CreateLogger(string categoryName) => new Sink(this);

    public void Dispose() { }

    private sealed class Sink(RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner.Lines)
            {
                owner.Lines.Add(formatter(state, exception));
                if (exception is not null) owner.Lines.Add(exception.ToString());
                if (state is IReadOnlyList<KeyValuePair<string, object?>> props)
                    owner.Lines.AddRange(props.Select(p => $"{p.Key}={p.Value}"));
            }
        }
    }
}
