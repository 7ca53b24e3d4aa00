namespace RunbookOrchestrator.Runtime;

/// <summary>Who asked for a run: an agent (API key) or a human. An agent always names its human owner.</summary>
public sealed record Requester(RequesterKind Kind, string Name, string? Owner = null)
{
    public static readonly Requester System = new(RequesterKind.System, "system");
}

/// <summary>The kind of identity behind a request.</summary>
public enum RequesterKind
{
    Agent,
    Human,
    System,
}
