using Microsoft.Extensions.Logging;

namespace RunbookOrchestrator.Definitions;

/// <summary>The runbooks of one directory (<c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c>; <c>policies.yaml</c> excluded), kept
/// current as files change. A file that stops being valid keeps serving its last valid definition until it is fixed.</summary>
public sealed class RunbookDirectoryCatalog : IRunbookCatalog, IDisposable
{
    /// <summary>The policy file shares the directory but is not a runbook.</summary>
    public const string PolicyFileName = "policies.yaml";

    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    private readonly string _directory;
    private readonly RunbookValidator _validator;
    private readonly ILogger _logger;
    private readonly DebouncedFileWatcher? _watcher;
    private readonly Lock _reloadLock = new();
    private readonly Dictionary<string, RunbookDefinition> _lastValidByFile = new(StringComparer.Ordinal);
    private volatile CatalogSnapshot _snapshot = CatalogSnapshot.Empty;
    private bool _disposed;

    /// <summary>Loads the directory now and, when <paramref name="watch"/> is true, reloads it after files change.</summary>
    /// <param name="directory">Folder holding the runbook files; a missing folder is an empty catalog.</param>
    /// <param name="validator">Checks each file; only files without errors are published.</param>
    /// <param name="logger">Receives the errors of files that fail to load.</param>
    /// <param name="watch">Reload on file changes (false for one-shot loading).</param>
    /// <param name="debounce">Quiet time after the last file event before reloading (editors write in several steps); 250 ms by default.</param>
    public RunbookDirectoryCatalog(string directory, RunbookValidator validator, ILogger<RunbookDirectoryCatalog> logger, bool watch = true, TimeSpan? debounce = null)
    {
        _directory = directory;
        _validator = validator;
        _logger = logger;
        Reload();
        if (!watch || !Directory.Exists(directory)) return;
        _watcher = new DebouncedFileWatcher(directory, "*", IsRunbookFile, debounce ?? TimeSpan.FromMilliseconds(250), ReloadQuietly);
    }

    /// <summary>Raised after every reload triggered by a file change or by <see cref="Reload"/>.</summary>
    public event EventHandler? Changed;

    public IReadOnlyList<RunbookDefinition> All => _snapshot.Runbooks;

    /// <summary>Current problems across all files; empty when every file is valid.</summary>
    public IReadOnlyList<RunbookError> Errors => _snapshot.ErrorsByFile.Values.SelectMany(e => e).ToList();

    /// <summary>Current problems per file path (only files with problems).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RunbookError>> ErrorsByFile => _snapshot.ErrorsByFile;

    public RunbookDefinition? Find(string id) => _snapshot.ById.GetValueOrDefault(id);

    /// <summary>The folder this catalog reads.</summary>
    public string DirectoryPath => _directory;

    /// <summary>The file that defines <paramref name="id"/> now, or null when no valid file does.</summary>
    public string? FileOf(string id) => _snapshot.ById.GetValueOrDefault(id)?.Location?.File;

    /// <summary>Re-reads every file now.</summary>
    public void Reload()
    {
        lock (_reloadLock)
        {
            var files = ListFiles();
            var errorsByFile = new SortedDictionary<string, IReadOnlyList<RunbookError>>(StringComparer.Ordinal);
            foreach (var gone in _lastValidByFile.Keys.Except(files).ToList()) _lastValidByFile.Remove(gone);
            foreach (var file in files)
            {
                RunbookParseResult parsed;
                IReadOnlyList<RunbookError> errors;
                try
                {
                    parsed = RunbookLoader.LoadFile(file);
                    errors = _validator.Validate(parsed);
                }
                catch (Exception ex)
                {
                    // A file the loader cannot handle is refused like any invalid file; it must never take the server down.
                    errorsByFile[file] = [new RunbookError(new SourceLocation(file, 1, 1), null, RunbookErrorCodes.UnreadableFile, $"could not be read: {ex.Message}")];
                    Log(file, errorsByFile[file]);
                    continue;
                }
                if (errors.Count == 0 && parsed.Definition is not null)
                {
                    _lastValidByFile[file] = parsed.Definition;
                    continue;
                }
                errorsByFile[file] = errors;
                Log(file, errors);
            }
            _snapshot = Publish(files, errorsByFile);
        }
        Changed?.Invoke(this, EventArgs.Empty);
    }

    private CatalogSnapshot Publish(IReadOnlyList<string> files, SortedDictionary<string, IReadOnlyList<RunbookError>> errorsByFile)
    {
        var byId = new Dictionary<string, RunbookDefinition>(StringComparer.Ordinal);
        var fileOfId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (!_lastValidByFile.TryGetValue(file, out var definition)) continue;
            if (fileOfId.TryGetValue(definition.Id, out var owner))
            {
                var duplicate = new RunbookError(definition.Location ?? new SourceLocation(file, 1, 1), null, RunbookErrorCodes.DuplicateRunbookId,
                    $"runbook id '{definition.Id}' is already defined in {owner}");
                errorsByFile[file] = [.. errorsByFile.GetValueOrDefault(file) ?? [], duplicate];
                Log(file, [duplicate]);
                continue;
            }
            byId[definition.Id] = definition;
            fileOfId[definition.Id] = file;
        }
        return new CatalogSnapshot(byId, byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToList(),
            new Dictionary<string, IReadOnlyList<RunbookError>>(errorsByFile, StringComparer.Ordinal));
    }

    private List<string> ListFiles()
    {
        if (!Directory.Exists(_directory)) return [];
        return Directory.EnumerateFiles(_directory)
            .Where(IsRunbookFile)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsRunbookFile(string path) =>
        Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
        && !Path.GetFileName(path).Equals(PolicyFileName, StringComparison.OrdinalIgnoreCase)
        && !Path.GetFileName(path).StartsWith('.');

    private void Log(string file, IReadOnlyList<RunbookError> errors)
    {
        var kept = _lastValidByFile.TryGetValue(file, out var previous) ? $"; still serving version {previous.Version} of '{previous.Id}'" : "";
        _logger.LogWarning("Runbook file {File} has {Count} error(s){Kept}:{NewLine}{Errors}",
            file, errors.Count, kept, Environment.NewLine, string.Join(Environment.NewLine, errors));
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
            _logger.LogError(ex, "Reloading runbooks from {Directory} failed; the previous runbooks stay published", _directory);
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

    private sealed record CatalogSnapshot(
        IReadOnlyDictionary<string, RunbookDefinition> ById,
        IReadOnlyList<RunbookDefinition> Runbooks,
        IReadOnlyDictionary<string, IReadOnlyList<RunbookError>> ErrorsByFile)
    {
        public static readonly CatalogSnapshot Empty = new(new Dictionary<string, RunbookDefinition>(), [], new Dictionary<string, IReadOnlyList<RunbookError>>());
    }
}
