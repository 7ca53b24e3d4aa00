namespace RunbookOrchestrator.Server.Hosting;

/// <summary>Host settings (section <c>Orchestrator</c>); environment variables override the file.</summary>
public sealed class OrchestratorOptions
{
    /// <summary>Where the database, exports and outbox live. <c>RBO_DATA_DIR</c> overrides it.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Folder of runbook files and <c>policies.yaml</c>.</summary>
    public string RunbooksDirectory { get; set; } = "runbooks";

    /// <summary>SQLite <c>synchronous</c> level: NORMAL (survives process kill) or FULL (also survives power loss).</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>Create the demo CRM database and print a demo agent key on first start.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>Members of this group see every run (on call, the ops team); others see their own runs and those waiting on them.</summary>
    public string OperatorsGroup { get; set; } = "operators";

    /// <summary>Members of this group edit and publish runbooks in the designer; everyone else reads them.</summary>
    public string DesignersGroup { get; set; } = "designers";
}
