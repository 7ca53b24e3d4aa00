namespace RunbookOrchestrator.Runtime;

/// <summary>Engine settings (section <c>Orchestrator:Runtime</c>).</summary>
public sealed class RuntimeOptions
{
    /// <summary>Identity of this server in leases. Stable across restarts so a restarted node frees its own leases at once.</summary>
    public string NodeId { get; set; } = System.Environment.MachineName;

    /// <summary>How long a claimed run stays this node's without renewal; a dead node's runs are taken over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the dispatcher looks for due runs it was not told about (timers missed during a crash, other nodes' leftovers).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Runs processed at once on this node.</summary>
    public int Workers { get; set; } = 32;

    /// <summary>Step executions one run may create before it is failed as a runaway loop.</summary>
    public int MaxExecutionsPerRun { get; set; } = 10_000;

    /// <summary>Signals (events) that may wait unconsumed on one run.</summary>
    public int MaxPendingSignalsPerRun { get; set; } = 100;

    /// <summary>Secret used to sign completion callbacks (<c>X-RBO-Signature</c>).</summary>
    public string CallbackSigningSecret { get; set; } = "";
}
