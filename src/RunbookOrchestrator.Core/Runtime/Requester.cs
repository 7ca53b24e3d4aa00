namespace RunbookOrchestrator.Runtime;

/// <summary>Who asked for a run: an agent (API key) or a human. An agent always names its human owner.</summary>
public sealed record Requester(RequesterKind Kind, string Name, string? Owner = null)
{
    public static readonly Requester System = new(RequesterKind.System, "system");

    /// <summary>True when a run recorded as requested by <paramref name="kind"/> and <paramref name="name"/> was requested by
    /// this identity (names compare as people's names do).</summary>
    public bool Requested(string kind, string name) =>
        string.Equals(Kind.ToString(), kind, StringComparison.OrdinalIgnoreCase) && Identity.Humans.HumanNames.Same(Name, name);
}

/// <summary>The kind of identity behind a request.</summary>
public enum RequesterKind
{
    Agent,
    Human,
    System,
}
