namespace RunbookOrchestrator.Activities;

/// <summary>What an activity accepts and may answer; the validator and the designer read it.</summary>
/// <param name="DefaultPrivilege">Privilege tag the step carries when its definition names none (shell is <c>infra</c>).</param>
public sealed record ActivityDescriptor(
    string Type,
    string Description,
    IReadOnlyList<ActivityParameter> Parameters,
    IReadOnlyList<string> Outcomes,
    string? DefaultPrivilege = null);

/// <summary>One parameter of an activity.</summary>
/// <param name="Kind">Template parameters are rendered with <c>{{ }}</c> before the step runs; expression parameters hold CEL and are evaluated by the activity.</param>
public sealed record ActivityParameter(string Name, string Type, bool Required, string Description, ParameterKind Kind = ParameterKind.Template);

/// <summary>How the engine treats a parameter's text before handing it to the activity.</summary>
public enum ParameterKind
{
    Template,
    Expression,
    Literal,
}
