namespace RunbookOrchestrator.Audit;

/// <summary>The newest link of the chain: its sequence and hash. Kept apart from the events so that removing the
/// last events is visible, and worth copying somewhere an attacker cannot reach.</summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    /// <summary>The previous hash of the first event: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The head of an empty trail.</summary>
    public static readonly AuditHead Genesis = new(0, GenesisHash);
}
