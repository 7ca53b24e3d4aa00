namespace RunbookOrchestrator.Runtime;

/// <summary>Which runs on this node are queued, being processed, or were woken while being processed, so that a wake-up is
/// never lost and a run is never processed by two workers of this node at once.</summary>
/// <remarks>One lock over the three states: with two concurrent dictionaries, a wake-up that saw a run as active could write
/// its flag back after the worker had removed it, leaving the run marked active forever and never processed again.</remarks>
internal sealed class RunWakeups
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _active = new(StringComparer.Ordinal);

    /// <summary>Records a wake-up; true when the caller must queue the run (it is neither queued nor being processed).</summary>
    public bool Wake(string runId)
    {
        lock (_lock)
        {
            if (_active.ContainsKey(runId))
            {
                _active[runId] = true;
                return false;
            }
            return _queued.Add(runId);
        }
    }

    /// <summary>A worker took the run from the queue; true when it may process it, false when another worker already does
    /// (that worker will look at it again when it ends).</summary>
    public bool TryStart(string runId)
    {
        lock (_lock)
        {
            _queued.Remove(runId);
            if (_active.ContainsKey(runId))
            {
                _active[runId] = true;
                return false;
            }
            _active[runId] = false;
            return true;
        }
    }

    /// <summary>The worker is done with the run; true when it was woken meanwhile and has been queued again (the caller must
    /// put it on the queue).</summary>
    public bool Finish(string runId)
    {
        lock (_lock)
        {
            if (!_active.Remove(runId, out var wokenMeanwhile) || !wokenMeanwhile) return false;
            return _queued.Add(runId);
        }
    }
}
