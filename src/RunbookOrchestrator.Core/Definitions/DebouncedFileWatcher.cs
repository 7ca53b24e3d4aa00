namespace RunbookOrchestrator.Definitions;

/// <summary>Calls back once after file events in a directory go quiet, because editors save in several writes and a reload per event would read half-written files.</summary>
public sealed class DebouncedFileWatcher : IDisposable
{
    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;
    private readonly TimeSpan _quiet;
    private readonly Func<string, bool> _relevant;
    private readonly Lock _lock = new();
    private bool _disposed;

    /// <param name="directory">The folder to watch (not its subfolders); it must exist.</param>
    /// <param name="filter">File name pattern, e.g. <c>policies.yaml</c>; <c>*</c> for every file.</param>
    /// <param name="relevant">Which changed paths count; a rename counts when either its old or new path does.</param>
    /// <param name="quiet">Time without relevant events before <paramref name="onQuiet"/> runs.</param>
    /// <param name="onQuiet">Runs on a timer thread; it must not throw (the caller logs its own failures).</param>
    public DebouncedFileWatcher(string directory, string filter, Func<string, bool> relevant, TimeSpan quiet, Action onQuiet)
    {
        _quiet = quiet;
        _relevant = relevant;
        _timer = new Timer(_ => { if (!_disposed) onQuiet(); }, null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(directory, filter)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        _watcher.Changed += OnFileEvent;
        _watcher.Created += OnFileEvent;
        _watcher.Deleted += OnFileEvent;
        _watcher.Renamed += OnFileEvent;
        // A lost-events overflow means we no longer know what changed: reload everything.
        _watcher.Error += (_, _) => Schedule();
        _watcher.EnableRaisingEvents = true;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (_relevant(e.FullPath) || (e is RenamedEventArgs r && _relevant(r.OldFullPath))) Schedule();
    }

    private void Schedule()
    {
        lock (_lock)
        {
            if (!_disposed) _timer.Change(_quiet, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }
        _watcher.Dispose();
        _timer.Dispose();
    }
}
