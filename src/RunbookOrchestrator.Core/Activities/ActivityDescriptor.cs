namespace RunbookOrchestrator.Activities;

/// <summary>What an activity accepts and may answer; the validator and the designer read it.</summary>
/// <param name="DefaultPrivilege">Privilege tag the step carries when its definition names none (shell is <c>infra</c>).</param>
/// <param name="EffectFree">True when running the step reaches nothing outside the run (no I/O, no timer, no other run, no
/// bookmark): its result depends only on the run's state, so the engine may run it in the same round as the steps before it
/// and commit them together, and running it again after a crash is harmless.</param>
/// <param name="Category">Where the designer's palette lists it: <c>calls</c>, <c>data</c>, <c>control flow</c>, <c>humans</c>
/// (see <see cref="ActivityCategories"/>); a new activity names its own, so the designer needs no change for it.</param>
public sealed record ActivityDescriptor(
    string Type,
    string Description,
    IReadOnlyList<ActivityParameter> Parameters,
    IReadOnlyList<string> Outcomes,
    string? DefaultPrivilege = null,
    bool EffectFree = false,
    string Category = ActivityCategories.Calls);

/// <summary>The palette groups activities are listed under.</summary>
public static class ActivityCategories
{
    public const string Calls = "calls";
    public const string Data = "data";
    public const string ControlFlow = "control flow";
    public const string Humans = "humans";
}

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
