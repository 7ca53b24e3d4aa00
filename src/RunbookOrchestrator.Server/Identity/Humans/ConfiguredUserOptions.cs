namespace RunbookOrchestrator.Server.Identity.Humans;

/// <summary>One entry of <c>Orchestrator:Users</c> in configuration.</summary>
public sealed class ConfiguredUserOptions
{
    public string? Name { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public List<string> Groups { get; set; } = [];
    public bool Disabled { get; set; }
}
