namespace RunbookOrchestrator.Audit;

/// <summary>The newest link of the chain: its sequence and hash. Kept apart from the events so that removing the
/// last events is visible, and worth copying somewhere an attacker cannot reach.</summary>
public sealed record AuditHead(long Sequence, string Hash)
{
    /// <summary>The previous hash of the first event: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The head of an empty trail.</summary>
    public static readonly AuditHead Genesis = new(0, GenesisHash);

    /// <summary>The text form used to record an anchor outside the database: <c>SEQUENCE:HASH</c>.</summary>
    public override string ToString() => $"{Sequence}:{Hash}";

    /// <summary>Reads <c>SEQUENCE:HASH</c> (a positive sequence and 64 hex digits); on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out AuditHead? head, out string? error)
    {
        head = null;
        error = null;
        var parts = text?.Trim().Split(':') ?? [];
        if (parts.Length != 2 || !long.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            error = "an anchor is SEQUENCE:HASH with a positive sequence, as printed by 'audit verify' (for example 42:9f86d0...)";
            return false;
        }
        var hash = parts[1].ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
        {
            error = "the anchor's hash must be 64 hexadecimal digits";
            return false;
        }
        head = new AuditHead(sequence, hash);
        return true;
    }
}
