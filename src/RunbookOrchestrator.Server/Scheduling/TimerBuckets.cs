using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>The timers this node has scheduled, grouped by the second they fall due in. Each second is one durable Hangfire job that
/// runs <see cref="Lead"/> early and arms an in-process alarm per timer at its exact instant; a timer due within the lead is armed at once.</summary>
/// <remarks>One job per timer was measured at 2.6 ms of storage writes each and p99 2.5 s late; one job per second is at most 60 writes
/// for any number of timers due in a minute, and the lateness is that of an in-process timer, not of Hangfire's polling.
/// Nothing here is the source of truth: the step executions are, and <see cref="TimerRecovery"/> rebuilds this from them at start.</remarks>
internal sealed class TimerBuckets(IServiceProvider services, TimeProvider clock)
{
    // Looked up on first use: the dispatcher's processor schedules timers here, so taking the dispatcher at construction is a cycle.
    private readonly Lazy<RunDispatcher> _dispatcher = new(services.GetRequiredService<RunDispatcher>);
    private readonly Lazy<GateTimeouts> _gateTimeouts = new(services.GetRequiredService<GateTimeouts>);

    /// <summary>How long before its second a bucket's job is due: two polling intervals of Hangfire plus margin.</summary>
    public static readonly TimeSpan Lead = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private readonly Dictionary<long, Bucket> _buckets = [];
    private readonly Dictionary<string, long> _secondOf = new(StringComparer.Ordinal);

    /// <summary>The second (Unix time) a timer due at <paramref name="at"/> belongs to: the first whole second not before it.</summary>
    public static long SecondOf(DateTimeOffset at)
    {
        var ms = at.ToUnixTimeMilliseconds();
        return ms % 1000 == 0 ? ms / 1000 : (long)Math.Floor(ms / 1000.0) + 1;
    }

    /// <summary>Adds (or moves) a timer. Says which second's bucket needs a job written (none when one exists or none is needed)
    /// and which job to delete (the old bucket's, when moving the timer left it empty).</summary>
    public TimerPlacement Add(RunTimer timer)
    {
        var second = SecondOf(timer.At);
        lock (_lock)
        {
            var emptied = RemoveLocked(timer.TimerId);
            var created = !_buckets.TryGetValue(second, out var bucket);
            if (created) _buckets[second] = bucket = new Bucket();
            bucket!.Members[timer.TimerId] = timer;
            _secondOf[timer.TimerId] = second;
            if (!bucket.Armed && DateTimeOffset.FromUnixTimeSeconds(second) - clock.GetUtcNow() <= Lead)
            {
                ArmLocked(bucket);
                return new TimerPlacement(null, emptied);
            }
            if (bucket.Armed) ArmLocked(bucket, timer);
            return new TimerPlacement(created && !bucket.Armed ? second : null, emptied);
        }
    }

    /// <summary>Removes a timer whose wait ended early. Returns the job to delete when its bucket is left empty before the job ran.</summary>
    public string? Remove(string timerId)
    {
        lock (_lock) return RemoveLocked(timerId);
    }

    /// <summary>Records the job written for <paramref name="second"/>; false when the bucket emptied meanwhile (the caller deletes the job).</summary>
    public bool SetJob(long second, string jobId)
    {
        lock (_lock)
        {
            if (!_buckets.TryGetValue(second, out var bucket) || bucket.Members.Count == 0) return false;
            bucket.JobId = jobId;
            return true;
        }
    }

    /// <summary>The job of <paramref name="second"/> has come: arms every timer of that bucket. False when this node holds no such bucket.</summary>
    public bool Arm(long second)
    {
        lock (_lock)
        {
            if (!_buckets.TryGetValue(second, out var bucket)) return false;
            ArmLocked(bucket);
            return true;
        }
    }

    /// <summary>The timers still pending in <paramref name="second"/>'s bucket, earliest first (for job names and the dashboard).</summary>
    public IReadOnlyList<RunTimer> Pending(long second)
    {
        lock (_lock)
            return _buckets.TryGetValue(second, out var bucket) ? [.. bucket.Members.Values.OrderBy(t => t.At)] : [];
    }

    /// <summary>How many timers this node holds, armed or not.</summary>
    public int Count
    {
        get { lock (_lock) return _secondOf.Count; }
    }

    private string? RemoveLocked(string timerId)
    {
        if (!_secondOf.Remove(timerId, out var second) || !_buckets.TryGetValue(second, out var bucket)) return null;
        bucket.Members.Remove(timerId);
        if (bucket.Alarms.Remove(timerId, out var alarm)) alarm.Dispose();
        if (bucket.Members.Count > 0) return null;
        _buckets.Remove(second);
        return bucket.Armed ? null : bucket.JobId;
    }

    private void ArmLocked(Bucket bucket)
    {
        bucket.Armed = true;
        foreach (var timer in bucket.Members.Values) ArmLocked(bucket, timer);
    }

    private void ArmLocked(Bucket bucket, RunTimer timer)
    {
        if (bucket.Alarms.TryGetValue(timer.TimerId, out var old)) old.Dispose();
        bucket.Alarms[timer.TimerId] = clock.CreateTimer(Ring, timer, Delay(timer.At), Timeout.InfiniteTimeSpan);
    }

    private TimeSpan Delay(DateTimeOffset at) => at - clock.GetUtcNow() is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero;

    private void Ring(object? state)
    {
        var timer = (RunTimer)state!;
        lock (_lock)
        {
            if (!_secondOf.TryGetValue(timer.TimerId, out var second) || !_buckets.TryGetValue(second, out var bucket)
                || !ReferenceEquals(bucket.Members.GetValueOrDefault(timer.TimerId), timer))
                return; // removed or moved meanwhile
            // A system timer may ring a little before the wall clock says the instant has come; the engine would find nothing due.
            if (Delay(timer.At) is { } rest && rest > TimeSpan.Zero)
            {
                ArmLocked(bucket, timer);
                return;
            }
            RemoveLocked(timer.TimerId);
        }
        try
        {
            // The timer does not say whether it is a gate deadline, so every ring asks for a sweep; requests made together share one.
            _gateTimeouts.Value.RequestSweep();
            _dispatcher.Value.Wake(timer.RunId);
        }
        catch (Exception)
        {
            // A ring runs on a timer thread, where an exception would end the process; the dispatcher's poll wakes the run anyway.
        }
    }

    private sealed class Bucket
    {
        public Dictionary<string, RunTimer> Members { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, ITimer> Alarms { get; } = new(StringComparer.Ordinal);
        public string? JobId { get; set; }
        public bool Armed { get; set; }
    }
}

/// <summary>What adding a timer asks of storage: a job to write for a new second, and a job to delete for a second left empty.</summary>
internal readonly record struct TimerPlacement(long? WriteSecond, string? DeleteJob);
