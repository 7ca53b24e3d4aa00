using System.Text.RegularExpressions;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Definitions;

/// <summary>Finds every problem in a runbook definition: unknown activities and parameters, broken step graph,
/// template and expression syntax, references to undeclared inputs or steps, ill-typed inputs.</summary>
public sealed partial class RunbookValidator
{
    private readonly IReadOnlyDictionary<string, ActivityDescriptor> _activities;
    private readonly IExpressionEvaluator _expressions;
    private readonly ITemplateRenderer _templates;

    /// <param name="activities">The activity types steps may use.</param>
    /// <param name="expressions">Checks CEL in <c>when</c> and expression parameters.</param>
    /// <param name="templates">Checks <c>{{ }}</c> templates in parameters.</param>
    public RunbookValidator(IEnumerable<ActivityDescriptor> activities, IExpressionEvaluator expressions, ITemplateRenderer templates)
    {
        _activities = activities.GroupBy(a => a.Type, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _expressions = expressions;
        _templates = templates;
    }

    public RunbookValidator(IActivityRegistry registry, IExpressionEvaluator expressions, ITemplateRenderer templates)
        : this(registry.Descriptors, expressions, templates)
    {
    }

    /// <summary>The activity types this validator accepts.</summary>
    public IReadOnlyCollection<ActivityDescriptor> Activities => _activities.Values.ToList();

    /// <summary>Reading errors of the file followed by the validation errors of its definition.</summary>
    public IReadOnlyList<RunbookError> Validate(RunbookParseResult parsed) =>
        parsed.Definition is null ? parsed.Errors : [.. parsed.Errors, .. Validate(parsed.Definition)];

    /// <summary>All problems of a definition, in file order; empty when it is valid.</summary>
    public IReadOnlyList<RunbookError> Validate(RunbookDefinition definition)
    {
        var check = new RunbookCheck(definition, _activities, _expressions, _templates);
        check.Run();
        return check.Errors
            .OrderBy(e => e.Location.Line)
            .ThenBy(e => e.Location.Column)
            .ToList();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    internal static partial Regex RunbookIdPattern();

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    internal static partial Regex StepIdPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    internal static partial Regex InputNamePattern();
}
