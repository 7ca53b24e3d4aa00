using System.Globalization;
using Hangfire;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>The durable Hangfire job of one second's timers. It runs <see cref="TimerBuckets.Lead"/> early and hands the timers to
/// in-process alarms; it never runs anything itself, so a job that fires twice or late only wakes runs that find nothing new due.</summary>
public sealed class WakeTimersJob
{
    private readonly TimerBuckets _buckets;
    private readonly IRunStore _store;
    private readonly RunDispatcher _dispatcher;
    private readonly GateTimeouts _gateTimeouts;
    private readonly TimeProvider _clock;

    internal WakeTimersJob(TimerBuckets buckets, IRunStore store, RunDispatcher dispatcher, GateTimeouts gateTimeouts, TimeProvider clock)
    {
        _buckets = buckets;
        _store = store;
        _dispatcher = dispatcher;
        _gateTimeouts = gateTimeouts;
        _clock = clock;
    }

    /// <summary>Arms the timers due in the second <paramref name="due"/> (ISO 8601, UTC); <paramref name="summary"/> only names the job.</summary>
    [JobDisplayName("{1}, due {0}")]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(string due, string summary, CancellationToken cancellationToken)
    {
        var at = DateTimeOffset.Parse(due, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        if (_buckets.Arm(TimerBuckets.SecondOf(at))) return;

        // This node holds no such bucket: another node scheduled it (shared storage), or this node restarted since and rebuilt its
        // timers. Wake what the database says is due at that second, which is all a timer ever does.
        var wait = at - _clock.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _clock, cancellationToken);
        _gateTimeouts.RequestSweep();
        foreach (var runId in await _store.FindDueRunsAsync(_clock.GetUtcNow(), 1000, cancellationToken))
            _dispatcher.Wake(runId);
    }

    /// <summary>The job's name on the dashboard: what falls due, never an input value.</summary>
    internal static string Summarize(IReadOnlyList<RunTimer> timers)
    {
        // The whole run id: ids are time-ordered (UUIDv7), so their first characters say when, not which.
        static string One(RunTimer t) => $"{t.Purpose} on run {t.RunId}";
        return timers.Count switch
        {
            0 => "no timers",
            1 => One(timers[0]),
            <= 3 => $"{timers.Count} timers: {string.Join("; ", timers.Select(One))}",
            _ => $"{timers.Count} timers: {string.Join("; ", timers.Take(3).Select(One))}; …",
        };
    }

    internal static string DueText(long second) =>
        DateTimeOffset.FromUnixTimeSeconds(second).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
