using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Masking.Logging;

/// <summary>An <see cref="ILogger"/> decorator: formats each entry, masks the message and exception text, then hands the masked entry to the inner logger.</summary>
public sealed class MaskingLogger(ILogger inner, IMasker masker) : ILogger
{
    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        var message = masker.MaskText(formatter(state, exception) ?? "").Text;
        var maskedException = exception is null ? null : new MaskedException(exception, masker);
        // The original structured state is dropped on purpose: its properties hold the raw values.
        inner.Log(logLevel, eventId, new MaskedLogState(message), maskedException, static (s, _) => s.Message);
    }
}
