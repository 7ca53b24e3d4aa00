namespace RunbookOrchestrator.Definitions;

/// <summary>A runbook: a versioned graph of steps with declared inputs. Same model for YAML and JSON.</summary>
public sealed record RunbookDefinition(
    string Id,
    int Version,
    string? Title,
    string? Description,
    IReadOnlyList<string> Owners,
    IReadOnlyList<InputDefinition> Inputs,
    IReadOnlyList<StepDefinition> Steps,
    SourceLocation? Location)
{
    public StepDefinition? FindStep(string id) => Steps.FirstOrDefault(s => s.Id == id);

    /// <summary>The step written after <paramref name="id"/>, which is where <c>done</c> goes by default.</summary>
    public StepDefinition? StepAfter(string id)
    {
        for (var i = 0; i < Steps.Count - 1; i++)
            if (Steps[i].Id == id) return Steps[i + 1];
        return null;
    }
}
