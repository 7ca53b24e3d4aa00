using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Tests.Hosting;

/// <summary>Every warning and error any in-process test server logged, with the time: a test that times out waiting for a run
/// prints the recent ones, so a stall on a shared CI machine says what the server saw instead of only "did not reach the state".</summary>
public sealed class ServerTroubles : ILoggerProvider
{
    private static readonly ConcurrentQueue<string> Recent = new();

    /// <summary>The last <paramref name="count"/> warnings and errors of all test servers, oldest first.</summary>
    public static string Last(int count = 20) => string.Join("\n", Recent.TakeLast(count));

    public ILogger CreateLogger(string categoryName) => new Sink(categoryName);

    public void Dispose()
    {
    }

    private sealed class Sink(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Warning) return;
            Recent.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " | " + exception.GetType().Name + ": " + exception.Message)}");
            while (Recent.Count > 500) Recent.TryDequeue(out _);
        }
    }
}
