using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Runtime.Inputs;

/// <summary>Either the normalized inputs of a run (<see cref="Inputs"/>) or what is wrong with them (<see cref="Errors"/>).</summary>
public sealed record InputValidationResult(JsonObject? Inputs, IReadOnlyList<InputError> Errors)
{
    public bool IsValid => Inputs is not null && Errors.Count == 0;

    public static InputValidationResult Valid(JsonObject inputs) => new(inputs, []);

    public static InputValidationResult Invalid(IReadOnlyList<InputError> errors) => new(null, errors);
}
