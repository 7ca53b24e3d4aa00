using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Masking.Logging;

/// <summary>Wraps any <see cref="ILoggerProvider"/> (console, file, ...) so every logger it creates masks entries first.</summary>
public sealed class MaskingLoggerProvider(ILoggerProvider inner, IMasker masker) : ILoggerProvider, ISupportExternalScope
{
    /// <summary>The wrapped provider.</summary>
    public ILoggerProvider Inner => inner;

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new MaskingLogger(inner.CreateLogger(categoryName), masker);

    /// <inheritdoc />
    public void SetScopeProvider(IExternalScopeProvider scopeProvider)
    {
        if (inner is ISupportExternalScope scoped) scoped.SetScopeProvider(scopeProvider);
    }

    /// <inheritdoc />
    public void Dispose() => inner.Dispose();
}
