using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Policy;

/// <summary>The policy file, kept current as it changes. A file with errors is refused (its errors are logged and exposed)
/// and the previous valid policy stays in force. A file missing at start means no rules, so only the fail-safe default
/// applies; a file deleted later is refused like a bad edit.</summary>
public sealed class PolicyCatalog : IDisposable
{
    private readonly string _path;
    private readonly string? _environmentOverride;
    private readonly PolicyLoader _loader;
    private readonly ILogger _logger;
    private readonly DebouncedFileWatcher? _watcher;
    private readonly Lock _reloadLock = new();
    private volatile State _state = new(PolicyDocument.Empty, []);
    private bool _disposed;

    /// <param name="path">The policy file (normally <c>runbooks/policies.yaml</c>).</param>
    /// <param name="environmentOverride">The server's <c>Orchestrator:Environment</c>; wins over the file's <c>environment</c>.</param>
    /// <param name="watch">Reload after the file changes.</param>
    /// <param name="debounce">Quiet time after the last file event before reloading; 250 ms by default.</param>
    public PolicyCatalog(string path, PolicyLoader loader, ILogger<PolicyCatalog> logger, string? environmentOverride = null, bool watch = true, TimeSpan? debounce = null)
    {
        _path = Path.GetFullPath(path);
        _loader = loader;
        _logger = logger;
        _environmentOverride = string.IsNullOrWhiteSpace(environmentOverride) ? null : environmentOverride;
        Reload();
        var directory = Path.GetDirectoryName(_path);
        if (!watch || directory is null || !Directory.Exists(directory)) return;
        _watcher = new DebouncedFileWatcher(directory, Path.GetFileName(_path), _ => true, debounce ?? TimeSpan.FromMilliseconds(250), ReloadQuietly);
    }

    /// <summary>Raised after every reload, whether the new text was accepted or refused.</summary>
    public event EventHandler? Changed;

    /// <summary>The policy in force.</summary>
    public PolicyDocument Current => _state.Document;

    /// <summary>Hash of the policy in force; a gate records it with the rule id that asked for it.</summary>
    public string Version => _state.Document.Hash;

    /// <summary>Why the file on disk is not in force; empty when it is.</summary>
    public IReadOnlyList<RunbookError> Errors => _state.Errors;

    /// <summary>The environment actions are judged in: the server setting, else the file's default, else empty.</summary>
    public string Environment => _environmentOverride ?? _state.Document.Environment ?? "";

    /// <summary>The file this catalog reads.</summary>
    public string FilePath => _path;

    /// <summary>Re-reads the file now.</summary>
    public void Reload()
    {
        lock (_reloadLock)
        {
            if (!File.Exists(_path))
            {
                // Without a file at start there are no rules; a file that disappears later is treated like a bad edit,
                // because silently dropping every deny rule would widen what runs.
                if (ReferenceEquals(_state.Document, PolicyDocument.Empty))
                    _state = new State(PolicyDocument.Empty, []);
                else
                {
                    var missing = new RunbookError(new SourceLocation(_path, 1, 1), null, RunbookErrorCodes.UnreadableFile,
                        "the policy file is missing; the previous policy stays in force until a valid file is back or the server restarts");
                    _logger.LogWarning("Policy file {File} is missing; the previous policy ({Hash}) stays in force", _path, _state.Document.Hash);
                    _state = _state with { Errors = [missing] };
                }
            }
            else
            {
                var parsed = _loader.LoadFile(_path);
                if (parsed.Document is { } document)
                {
                    if (document.Hash != _state.Document.Hash)
                        _logger.LogInformation("Policy {File} loaded: {Count} rule(s), {Hash}", _path, document.Rules.Count, document.Hash);
                    _state = new State(document, []);
                }
                else
                {
                    _logger.LogWarning("Policy file {File} refused with {Count} error(s); the previous policy ({Hash}) stays in force:{NewLine}{Errors}",
                        _path, parsed.Errors.Count, _state.Document.Hash, System.Environment.NewLine, string.Join(System.Environment.NewLine, parsed.Errors));
                    _state = _state with { Errors = parsed.Errors };
                }
            }
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }

    // Runs on a timer thread: a failure here must be logged, not crash the process.
    private void ReloadQuietly()
    {
        try
        {
            if (!_disposed) Reload();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Reloading the policy from {File} failed; the previous policy stays in force", _path);
        }
    }

    public void Dispose()
    {
        lock (_reloadLock)
        {
            _disposed = true;
        }
        _watcher?.Dispose();
    }

    private sealed record State(PolicyDocument Document, IReadOnlyList<RunbookError> Errors);
}
