using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Masking;

/// <summary>
/// What a runbook declares about its fields: classifications by field name (any depth) and extra sensitive names.
/// Field names compare case-insensitively.
/// </summary>
public sealed record MaskingPolicy(
    IReadOnlyDictionary<string, DataClassification> Fields,
    IReadOnlyCollection<string> SensitiveNames)
{
    /// <summary>A policy with no declarations; only built-in field names and values are masked.</summary>
    public static MaskingPolicy Empty { get; } = new(new Dictionary<string, DataClassification>(), []);

    /// <summary>Builds a policy from a runbook's inputs and optional extra field names to treat as secret.</summary>
    public static MaskingPolicy FromInputs(IEnumerable<InputDefinition> inputs, IEnumerable<string>? sensitiveNames = null) =>
        new(inputs.ToDictionary(i => i.Name, i => i.Classification, StringComparer.OrdinalIgnoreCase),
            (sensitiveNames ?? []).ToList());

    /// <summary>The declared classification of <paramref name="field"/>, if any.</summary>
    public DataClassification? ClassificationOf(string field)
    {
        if (Fields.Count == 0) return null;
        foreach (var (name, classification) in Fields)
            if (string.Equals(name, field, StringComparison.OrdinalIgnoreCase)) return classification;
        return null;
    }

    /// <summary>True when the runbook lists <paramref name="field"/> as sensitive.</summary>
    public bool ListsAsSensitive(string field) =>
        SensitiveNames.Count > 0 && SensitiveNames.Any(n => string.Equals(n, field, StringComparison.OrdinalIgnoreCase));
}
