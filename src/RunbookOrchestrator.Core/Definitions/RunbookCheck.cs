using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Definitions;

/// <summary>One validation pass over one definition; collects errors.</summary>
internal sealed class RunbookCheck(
    RunbookDefinition definition,
    IReadOnlyDictionary<string, ActivityDescriptor> activities,
    IExpressionEvaluator expressions,
    ITemplateRenderer templates)
{
    private static readonly string[] ScopeRoots = ["inputs", "steps", "run", "requester"];
    private static readonly string[] AlwaysAllowedOutcomes = [Outcomes.Failed, Outcomes.Skipped];

    private readonly List<RunbookError> _errors = [];
    private readonly SourceLocation _runbookLocation = definition.Location ?? new SourceLocation("<runbook>", 1, 1);
    private readonly HashSet<string> _stepIds = definition.Steps.Select(s => s.Id).Where(id => id.Length > 0).ToHashSet(StringComparer.Ordinal);
    private readonly HashSet<string> _inputNames = definition.Inputs.Select(i => i.Name).ToHashSet(StringComparer.Ordinal);

    public IReadOnlyList<RunbookError> Errors => _errors;

    public void Run()
    {
        CheckRunbook();
        foreach (var input in definition.Inputs) CheckInput(input);
        var seen = new Dictionary<string, StepDefinition>(StringComparer.Ordinal);
        foreach (var step in definition.Steps) CheckStep(step, seen);
        CheckReachability();
    }

    private void CheckRunbook()
    {
        if (definition.Id.Length == 0)
            Add(_runbookLocation, null, RunbookErrorCodes.MissingField, "missing required field 'id'");
        else if (!RunbookValidator.RunbookIdPattern().IsMatch(definition.Id))
            Add(_runbookLocation, null, RunbookErrorCodes.InvalidId, $"runbook id '{definition.Id}' must match [a-z0-9][a-z0-9-_.]*");
        if (definition.Steps.Count == 0)
            Add(_runbookLocation, null, RunbookErrorCodes.MissingField, "the runbook has no steps; add a 'steps' list");
    }

    private void CheckInput(InputDefinition input)
    {
        var location = input.Location ?? _runbookLocation;
        if (!RunbookValidator.InputNamePattern().IsMatch(input.Name))
            Add(location, null, RunbookErrorCodes.InvalidId, $"input name '{input.Name}' must be a letter or '_' followed by letters, digits or '_'");
        if (!InputTypes.IsKnown(input.Type))
        {
            Add(location, null, RunbookErrorCodes.InvalidInputType,
                $"input '{input.Name}' has unknown type '{input.Type}'; expected one of {string.Join(", ", InputTypes.All)}" + DidYouMean(input.Type, InputTypes.All));
            return;
        }
        // The default is echoed only for public inputs: others may hold personal or secret data.
        if (!InputTypes.Accepts(input.Type, input.Default))
            Add(location, null, RunbookErrorCodes.InvalidDefault,
                $"default of input '{input.Name}' is not of type {input.Type}" + (input.Classification == DataClassification.Public ? $": {input.Default!.ToJsonString()}" : ""));
    }

    private void CheckStep(StepDefinition step, Dictionary<string, StepDefinition> seen)
    {
        var location = step.Location ?? _runbookLocation;
        var stepId = step.Id.Length > 0 ? step.Id : null;
        if (step.Id.Length == 0)
            Add(location, null, RunbookErrorCodes.MissingField, "step is missing required field 'id'");
        else if (!RunbookValidator.StepIdPattern().IsMatch(step.Id) || step.Id == StepGraph.End)
            Add(Field(step, "id"), stepId, RunbookErrorCodes.InvalidId,
                step.Id == StepGraph.End ? "'end' is reserved for ending the run" : $"step id '{step.Id}' must match [a-z][a-z0-9_-]*");
        else if (seen.TryGetValue(step.Id, out var first))
            Add(Field(step, "id"), stepId, RunbookErrorCodes.DuplicateStepId, $"step id '{step.Id}' is already used by the step at line {first.Location?.Line}");
        else
            seen[step.Id] = step;

        ActivityDescriptor? descriptor = null;
        if (step.Uses.Length == 0)
            Add(location, stepId, RunbookErrorCodes.MissingField, "step is missing required field 'uses'");
        else if (!activities.TryGetValue(step.Uses, out descriptor))
            Add(Field(step, "uses"), stepId, RunbookErrorCodes.UnknownActivity, $"unknown activity '{step.Uses}'" + DidYouMean(step.Uses, activities.Keys));

        CheckParameters(step, stepId, descriptor);
        if (step.When is not null) CheckExpression(step.When, Field(step, "when"), stepId, "'when'");
        CheckNext(step, stepId, descriptor);
    }

    private void CheckParameters(StepDefinition step, string? stepId, ActivityDescriptor? descriptor)
    {
        if (descriptor is not null)
        {
            foreach (var parameter in descriptor.Parameters)
            {
                if (!parameter.Required) continue;
                if (step.With[parameter.Name] is null)
                    Add(step.Location ?? _runbookLocation, stepId, RunbookErrorCodes.MissingParameter,
                        $"missing required parameter '{parameter.Name}' of activity '{descriptor.Type}'");
                // An empty value is what a step added in the designer starts with: it is as missing as no value.
                else if (step.With[parameter.Name] is JsonValue v && v.TryGetValue<string>(out var text) && string.IsNullOrWhiteSpace(text))
                    Add(Parameter(step, parameter.Name), stepId, RunbookErrorCodes.MissingParameter,
                        $"required parameter '{parameter.Name}' of activity '{descriptor.Type}' is empty");
            }
        }
        foreach (var (name, value) in step.With)
        {
            var parameter = descriptor?.Parameters.FirstOrDefault(p => p.Name == name);
            if (descriptor is not null && parameter is null)
            {
                Add(Parameter(step, name), stepId, RunbookErrorCodes.UnknownParameter,
                    $"activity '{descriptor.Type}' has no parameter '{name}'" + DidYouMean(name, descriptor.Parameters.Select(p => p.Name)));
                continue;
            }
            var kind = parameter?.Kind ?? ParameterKind.Template;
            if (kind != ParameterKind.Literal) CheckStrings(step, stepId, name, value, kind);
        }
        if (descriptor?.Type == "parallel" && step.With["branches"] is JsonArray branches)
        {
            for (var i = 0; i < branches.Count; i++)
            {
                if (branches[i] is not JsonValue v || !v.TryGetValue<string>(out var target) || _stepIds.Contains(target)) continue;
                Add(Parameter(step, $"branches[{i}]"), stepId, RunbookErrorCodes.MissingBranchTarget,
                    $"parallel branch '{target}' is not a step of this runbook" + DidYouMean(target, _stepIds));
            }
        }
    }

    private void CheckStrings(StepDefinition step, string? stepId, string path, JsonNode? value, ParameterKind kind)
    {
        switch (value)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj) CheckStrings(step, stepId, $"{path}.{key}", child, kind);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) CheckStrings(step, stepId, $"{path}[{i}]", array[i], kind);
                break;
            case JsonValue v when v.TryGetValue<string>(out var text):
                if (kind == ParameterKind.Expression) CheckExpression(text, Parameter(step, path), stepId, $"parameter '{path}'");
                else CheckTemplate(text, Parameter(step, path), stepId, path);
                break;
        }
    }

    private void CheckTemplate(string text, SourceLocation location, string? stepId, string path)
    {
        var error = templates.CheckSyntax(text);
        if (error is not null)
        {
            Add(Offset(location, text, error.Column), stepId, RunbookErrorCodes.TemplateSyntax, $"template syntax error in parameter '{path}': {error.Message}");
            return;
        }
        foreach (var referenced in templates.ReferencedPaths(text)) CheckReference(referenced, text, location, stepId);
    }

    private void CheckExpression(string text, SourceLocation location, string? stepId, string what)
    {
        var error = expressions.CheckSyntax(text);
        if (error is not null)
        {
            Add(Offset(location, text, error.Column), stepId, RunbookErrorCodes.ExpressionSyntax, $"expression syntax error in {what}: {error.Message}");
            return;
        }
        foreach (var referenced in expressions.ReferencedPaths(text)) CheckReference(referenced, text, location, stepId);
    }

    private void CheckReference(string path, string text, SourceLocation location, string? stepId)
    {
        var segments = path.Split('.');
        var root = segments[0];
        if (!ScopeRoots.Contains(root))
        {
            Add(At(location, text, root), stepId, RunbookErrorCodes.UnknownVariable,
                $"unknown variable '{root}'; the scope has inputs, steps, run and requester" + DidYouMean(root, ScopeRoots));
            return;
        }
        if (segments.Length < 2) return;
        var name = segments[1];
        if (root == "inputs" && !_inputNames.Contains(name))
            Add(At(location, text, $"{root}.{name}"), stepId, RunbookErrorCodes.UnknownInput, $"input '{name}' is not declared" + DidYouMean(name, _inputNames));
        else if (root == "steps" && !_stepIds.Contains(name))
            Add(At(location, text, $"{root}.{name}"), stepId, RunbookErrorCodes.UnknownStepReference, $"step '{name}' does not exist" + DidYouMean(name, _stepIds));
    }

    private void CheckNext(StepDefinition step, string? stepId, ActivityDescriptor? descriptor)
    {
        var allowed = AllowedOutcomes(step, descriptor);
        foreach (var (outcome, target) in step.Next)
        {
            var location = Field(step, $"next.{outcome}");
            if (target != StepGraph.End && !_stepIds.Contains(target))
                Add(location, stepId, RunbookErrorCodes.MissingNextTarget,
                    $"next '{outcome}' goes to '{target}', which is not a step (use 'end' to finish the run)" + DidYouMean(target, _stepIds.Append(StepGraph.End)));
            if (allowed is not null && !allowed.Contains(outcome))
                Add(location, stepId, RunbookErrorCodes.UnknownOutcome,
                    $"activity '{step.Uses}' never answers '{outcome}'; its outcomes are {string.Join(", ", allowed)}" + DidYouMean(outcome, allowed));
        }
    }

    // Null when the outcomes cannot be known before the run (unknown activity, engine-defined outcomes).
    private static List<string>? AllowedOutcomes(StepDefinition step, ActivityDescriptor? descriptor)
    {
        if (descriptor is null || descriptor.Outcomes.Count == 0 || descriptor.Type == "parallel") return null;
        var allowed = descriptor.Outcomes.Where(o => !o.StartsWith('<') && !o.StartsWith('(')).ToList();
        if (step.With["cases"] is JsonObject cases) allowed.AddRange(cases.Select(c => c.Key));
        allowed.AddRange(AlwaysAllowedOutcomes);
        if (step.Timeout is not null) allowed.Add(Outcomes.TimedOut);
        return allowed.Distinct(StringComparer.Ordinal).ToList();
    }

    private void CheckReachability()
    {
        if (definition.Steps.Count == 0) return;
        var reached = StepGraph.Reachable(definition, activities);
        foreach (var step in definition.Steps.Skip(1))
            if (step.Id.Length > 0 && !reached.Contains(step.Id))
                Add(step.Location ?? _runbookLocation, step.Id, RunbookErrorCodes.UnreachableStep,
                    "step can never run: no outcome, fall-through or parallel branch leads to it");
    }

    private SourceLocation Field(StepDefinition step, string key) =>
        step.FieldLocations?.GetValueOrDefault(key) ?? step.Location ?? _runbookLocation;

    private SourceLocation Parameter(StepDefinition step, string path) =>
        step.ParameterLocations?.GetValueOrDefault(path) ?? step.Location ?? _runbookLocation;

    // Columns inside a string can only be added to the string's start when it sits on one line.
    // Column is a 1-based character offset into the text. In a multi-line value (a block scalar) each text line is a file line at
    // the block's indentation, which is where the location points.
    private static SourceLocation Offset(SourceLocation location, string text, int column)
    {
        if (column < 1 || column > text.Length + 1) return location;
        var before = text.AsSpan(0, column - 1);
        var lineIndex = before.Count('\n');
        var columnInLine = column - 1 - (before.LastIndexOf('\n') + 1);
        return location with { Line = location.Line + lineIndex, Column = location.Column + columnInLine };
    }

    private static SourceLocation At(SourceLocation location, string text, string word)
    {
        var index = text.IndexOf(word, StringComparison.Ordinal);
        return index < 0 ? location : Offset(location, text, index + 1);
    }

    private static string DidYouMean(string word, IEnumerable<string> candidates) =>
        Suggestions.Closest(word, candidates) is { } s ? $" (did you mean '{s}'?)" : "";

    private void Add(SourceLocation location, string? stepId, string code, string message) =>
        _errors.Add(new RunbookError(location, stepId, code, message));
}
