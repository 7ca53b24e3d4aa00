using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Definitions.Source;

namespace RunbookOrchestrator.Definitions;

/// <summary>One pass of mapping a source tree onto the definition records; collects shape errors instead of throwing.</summary>
internal sealed class DefinitionReading
{
    private static readonly string[] RunbookFields = ["id", "version", "title", "description", "owners", "inputs", "steps"];
    private static readonly string[] InputFields = ["type", "required", "default", "classification", "description"];
    private static readonly string[] StepFields = ["id", "uses", "with", "when", "next", "privileged", "retry", "timeout"];
    private static readonly string[] RetryFields = ["max_attempts", "initial_delay", "backoff", "max_delay"];

    /// <summary>Defaults for a <c>retry</c> block that leaves fields out.</summary>
    public static readonly RetryPolicy RetryDefaults = new(3, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(5));

    private readonly List<RunbookError> _errors = [];

    public IReadOnlyList<RunbookError> Errors => _errors;

    public RunbookDefinition ReadRunbook(SourceMapping map)
    {
        CheckFields(map, RunbookFields, null, "runbook");
        var id = OptionalString(map, "id", null) ?? "";
        var version = ReadVersion(map);
        var title = OptionalString(map, "title", null);
        var description = OptionalString(map, "description", null);
        var owners = ReadOwners(map);
        var inputs = ReadInputs(map);
        var steps = ReadSteps(map);
        return new RunbookDefinition(id, version, title, description, owners, inputs, steps, map.Location);
    }

    private int ReadVersion(SourceMapping map)
    {
        var entry = map.Find("version");
        if (entry is null)
        {
            Error(map.Location, null, RunbookErrorCodes.MissingField, "missing required field 'version'");
            return 0;
        }
        if (entry.Value is SourceScalar { Value: { } v } && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) && n is > 0 and <= int.MaxValue)
            return (int)n;
        Error(entry.Value.Location, null, RunbookErrorCodes.InvalidVersion, $"'version' must be a positive whole number, found {Describe(entry.Value)}");
        return 0;
    }

    private List<string> ReadOwners(SourceMapping map)
    {
        var entry = map.Find("owners");
        if (entry is null) return [];
        if (entry.Value is SourceScalar { IsString: true } single) return [single.Text];
        if (entry.Value is not SourceSequence seq)
        {
            Error(entry.Value.Location, null, RunbookErrorCodes.InvalidType, $"'owners' must be a list of user or group names, found {entry.Value.Shape}");
            return [];
        }
        var owners = new List<string>();
        foreach (var item in seq.Items)
        {
            if (item is SourceScalar { IsString: true } s) owners.Add(s.Text);
            else Error(item.Location, null, RunbookErrorCodes.InvalidType, $"an owner must be a string, found {item.Shape}");
        }
        return owners;
    }

    private List<InputDefinition> ReadInputs(SourceMapping map)
    {
        var entry = map.Find("inputs");
        if (entry is null || entry.Value is SourceScalar { Value: null }) return [];
        if (entry.Value is not SourceMapping inputs)
        {
            Error(entry.Value.Location, null, RunbookErrorCodes.InvalidType, $"'inputs' must be a map of input name to spec, found {entry.Value.Shape}");
            return [];
        }
        var result = new List<InputDefinition>();
        foreach (var input in inputs.Entries)
        {
            // Shorthand: `name: string` declares an optional input of that type.
            if (input.Value is SourceScalar { IsString: true } shorthand)
            {
                result.Add(new InputDefinition(input.Key, shorthand.Text, false, null, DataClassification.Internal, null, input.KeyLocation));
                continue;
            }
            if (input.Value is not SourceMapping spec)
            {
                Error(input.Value.Location, null, RunbookErrorCodes.InvalidType, $"input '{input.Key}' must be a map such as {{ type: string }}, found {input.Value.Shape}");
                continue;
            }
            CheckFields(spec, InputFields, null, $"input '{input.Key}'");
            var type = OptionalString(spec, "type", null) ?? "string";
            var required = OptionalBool(spec, "required", null) ?? false;
            var defaultValue = spec.Find("default")?.Value.ToJson();
            var classification = ReadClassification(spec, input.Key);
            var description = OptionalString(spec, "description", null);
            result.Add(new InputDefinition(input.Key, type, required, defaultValue, classification, description, input.KeyLocation));
        }
        return result;
    }

    private DataClassification ReadClassification(SourceMapping spec, string inputName)
    {
        var entry = spec.Find("classification");
        if (entry is null) return DataClassification.Internal;
        if (entry.Value is SourceScalar { IsString: true } s && Enum.TryParse<DataClassification>(s.Text, ignoreCase: true, out var c) && !int.TryParse(s.Text, out _))
            return c;
        Error(entry.Value.Location, null, RunbookErrorCodes.InvalidClassification,
            $"input '{inputName}' has classification {Describe(entry.Value)}; expected one of public, internal, pii, secret");
        return DataClassification.Internal;
    }

    private List<StepDefinition> ReadSteps(SourceMapping map)
    {
        var entry = map.Find("steps");
        if (entry is null || entry.Value is SourceScalar { Value: null }) return [];
        if (entry.Value is not SourceSequence seq)
        {
            Error(entry.Value.Location, null, RunbookErrorCodes.InvalidType, $"'steps' must be a list of steps, found {entry.Value.Shape}");
            return [];
        }
        var steps = new List<StepDefinition>();
        foreach (var item in seq.Items)
        {
            if (item is not SourceMapping step)
            {
                Error(item.Location, null, RunbookErrorCodes.InvalidType, $"a step must be a map with 'id' and 'uses', found {item.Shape}");
                continue;
            }
            steps.Add(ReadStep(step));
        }
        return steps;
    }

    private StepDefinition ReadStep(SourceMapping step)
    {
        var idNode = step.Find("id")?.Value as SourceScalar;
        var stepId = idNode is { IsString: true } ? idNode.Text : null;
        CheckFields(step, StepFields, stepId, "step");
        var id = OptionalString(step, "id", stepId) ?? "";
        var uses = OptionalString(step, "uses", stepId) ?? "";
        var (with, locations) = ReadWith(step, stepId);
        var when = ReadWhen(step, stepId);
        var next = ReadNext(step, stepId);
        var privileged = OptionalString(step, "privileged", stepId);
        var retry = ReadRetry(step, stepId);
        var timeout = ReadDuration(step, "timeout", stepId);
        return new StepDefinition(id, uses, with, when, next, privileged, retry, timeout, step.Location, locations, FieldLocations(step));
    }

    private static Dictionary<string, SourceLocation> FieldLocations(SourceMapping step)
    {
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var entry in step.Entries)
        {
            locations[entry.Key] = entry.Value.Location;
            if (entry.Key == "next" && entry.Value is SourceMapping next)
                foreach (var outcome in next.Entries) locations[$"next.{outcome.Key}"] = outcome.Value.Location;
            if (entry.Key == "next" && entry.Value is SourceScalar)
                locations["next.done"] = entry.Value.Location;
        }
        return locations;
    }

    private (JsonObject, IReadOnlyDictionary<string, SourceLocation>) ReadWith(SourceMapping step, string? stepId)
    {
        var locations = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        var entry = step.Find("with");
        if (entry is null || entry.Value is SourceScalar { Value: null }) return (new JsonObject(), locations);
        if (entry.Value is not SourceMapping with)
        {
            Error(entry.Value.Location, stepId, RunbookErrorCodes.InvalidType, $"'with' must be a map of parameters, found {entry.Value.Shape}");
            return (new JsonObject(), locations);
        }
        foreach (var parameter in with.Entries) RecordLocations(parameter.Key, parameter.Value, locations);
        return ((JsonObject)with.ToJson(), locations);
    }

    // Nested values get dotted/indexed keys (`parameters.id`, `command[0]`) so errors inside them point at the exact string.
    private static void RecordLocations(string path, SourceNode node, Dictionary<string, SourceLocation> locations)
    {
        locations[path] = node.Location;
        switch (node)
        {
            case SourceMapping m:
                foreach (var e in m.Entries) RecordLocations($"{path}.{e.Key}", e.Value, locations);
                break;
            case SourceSequence s:
                for (var i = 0; i < s.Items.Count; i++) RecordLocations($"{path}[{i}]", s.Items[i], locations);
                break;
        }
    }

    private string? ReadWhen(SourceMapping step, string? stepId)
    {
        var entry = step.Find("when");
        if (entry is null) return null;
        return entry.Value switch
        {
            SourceScalar { IsString: true } s => s.Text,
            SourceScalar { Value: { } v } when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
            _ => ErrorValue<string>(entry.Value.Location, stepId, RunbookErrorCodes.InvalidType, $"'when' must be a CEL condition string, found {entry.Value.Shape}"),
        };
    }

    private Dictionary<string, string> ReadNext(SourceMapping step, string? stepId)
    {
        var next = new Dictionary<string, string>(StringComparer.Ordinal);
        var entry = step.Find("next");
        if (entry is null) return next;
        // Shorthand: `next: cleanup` is where `done` goes.
        if (entry.Value is SourceScalar { IsString: true } shorthand)
        {
            next["done"] = shorthand.Text;
            return next;
        }
        if (entry.Value is not SourceMapping map)
        {
            Error(entry.Value.Location, stepId, RunbookErrorCodes.InvalidType, $"'next' must map outcomes to step ids, found {entry.Value.Shape}");
            return next;
        }
        foreach (var outcome in map.Entries)
        {
            if (outcome.Value is SourceScalar { IsString: true } target) next[outcome.Key] = target.Text;
            else Error(outcome.Value.Location, stepId, RunbookErrorCodes.InvalidType, $"'next.{outcome.Key}' must be a step id or 'end', found {outcome.Value.Shape}");
        }
        return next;
    }

    private RetryPolicy? ReadRetry(SourceMapping step, string? stepId)
    {
        var entry = step.Find("retry");
        if (entry is null || entry.Value is SourceScalar { Value: null }) return null;
        // Shorthand: `retry: 3` is three attempts with the default backoff.
        if (entry.Value is SourceScalar shorthand)
        {
            var attempts = PositiveInt(shorthand);
            if (attempts is null)
            {
                Error(shorthand.Location, stepId, RunbookErrorCodes.InvalidRetry, $"'retry' must be a number of attempts or a map, found {Describe(shorthand)}");
                return null;
            }
            return RetryDefaults with { MaxAttempts = attempts.Value };
        }
        if (entry.Value is not SourceMapping map)
        {
            Error(entry.Value.Location, stepId, RunbookErrorCodes.InvalidRetry, $"'retry' must be a map, found {entry.Value.Shape}");
            return null;
        }
        CheckFields(map, RetryFields, stepId, "retry");
        var policy = RetryDefaults;
        if (map.Find("max_attempts") is { } max)
        {
            if (max.Value is SourceScalar s && PositiveInt(s) is { } n) policy = policy with { MaxAttempts = n };
            else Error(max.Value.Location, stepId, RunbookErrorCodes.InvalidRetry, $"'retry.max_attempts' must be a whole number of at least 1, found {Describe(max.Value)}");
        }
        if (map.Find("backoff") is { } backoff)
        {
            if (backoff.Value is SourceScalar { Value: { } v } && AsDouble(v) is >= 1 and <= 100 and var factor)
                policy = policy with { BackoffFactor = factor };
            else Error(backoff.Value.Location, stepId, RunbookErrorCodes.InvalidRetry, $"'retry.backoff' must be a number between 1 and 100, found {Describe(backoff.Value)}");
        }
        if (ReadDuration(map, "initial_delay", stepId, "retry.") is { } initial) policy = policy with { InitialDelay = initial };
        if (ReadDuration(map, "max_delay", stepId, "retry.") is { } maxDelay) policy = policy with { MaxDelay = maxDelay };
        if (policy.MaxDelay < policy.InitialDelay)
            Error(map.Location, stepId, RunbookErrorCodes.InvalidRetry, "'retry.max_delay' is shorter than 'retry.initial_delay'");
        return policy;
    }

    private TimeSpan? ReadDuration(SourceMapping map, string key, string? stepId, string prefix = "")
    {
        var entry = map.Find(key);
        if (entry is null) return null;
        if (entry.Value is SourceScalar { IsString: true } s && DurationText.TryParse(s.Text, out var duration)) return duration;
        Error(entry.Value.Location, stepId, RunbookErrorCodes.InvalidDuration,
            $"'{prefix}{key}' is not a duration: {Describe(entry.Value)}; write e.g. 500ms, 30s, 2m, 1h, 1d, 1h30m or PT30S");
        return null;
    }

    private static double? AsDouble(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d : value.TryGetValue<long>(out var l) ? l : null;

    private static int? PositiveInt(SourceScalar scalar) =>
        scalar.Value is { } v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) && n is >= 1 and <= int.MaxValue ? (int)n : null;

    private string? OptionalString(SourceMapping map, string key, string? stepId)
    {
        var entry = map.Find(key);
        if (entry is null) return null;
        if (entry.Value is SourceScalar { IsString: true } s) return s.Text;
        // A number where text is expected (an id like 42) is still readable text; anything else is an error.
        if (entry.Value is SourceScalar { Value: { } v } && v.GetValueKind() == JsonValueKind.Number) return ((SourceScalar)entry.Value).Text;
        Error(entry.Value.Location, stepId, RunbookErrorCodes.InvalidType, $"'{key}' must be a string, found {entry.Value.Shape}");
        return null;
    }

    private bool? OptionalBool(SourceMapping map, string key, string? stepId)
    {
        var entry = map.Find(key);
        if (entry is null) return null;
        if (entry.Value is SourceScalar { Value: { } v } && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        Error(entry.Value.Location, stepId, RunbookErrorCodes.InvalidType, $"'{key}' must be true or false, found {Describe(entry.Value)}");
        return null;
    }

    private void CheckFields(SourceMapping map, string[] known, string? stepId, string what)
    {
        foreach (var entry in map.Entries)
        {
            if (known.Contains(entry.Key)) continue;
            var suggestion = Suggestions.Closest(entry.Key, known);
            Error(entry.KeyLocation, stepId, RunbookErrorCodes.UnknownField,
                $"unknown field '{entry.Key}' in {what}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"));
        }
    }

    private static string Describe(SourceNode node) => node is SourceScalar s ? (s.IsString ? $"'{s.Text}'" : s.Value?.ToJsonString() ?? "null") : node.Shape;

    private void Error(SourceLocation location, string? stepId, string code, string message) =>
        _errors.Add(new RunbookError(location, stepId, code, message));

    private T? ErrorValue<T>(SourceLocation location, string? stepId, string code, string message)
    {
        Error(location, stepId, code, message);
        return default;
    }
}
