using System.Text.Json;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Definitions.Source;

namespace RunbookOrchestrator.Policy;

/// <summary>Typed reads of source map fields that record a located error instead of throwing; shared by the policy readers.</summary>
internal sealed class SourceFields
{
    private readonly List<RunbookError> _errors = [];

    public IReadOnlyList<RunbookError> Errors => _errors;

    public void Error(SourceLocation location, string code, string message) =>
        _errors.Add(new RunbookError(location, null, code, message));

    public void CheckFields(SourceMapping map, string[] known, string what)
    {
        foreach (var entry in map.Entries)
        {
            if (known.Contains(entry.Key)) continue;
            var suggestion = Suggestions.Closest(entry.Key, known);
            Error(entry.KeyLocation, RunbookErrorCodes.UnknownField,
                $"unknown field '{entry.Key}' in {what}" + (suggestion is null ? "" : $" (did you mean '{suggestion}'?)"));
        }
    }

    public string? String(SourceEntry entry, string what)
    {
        if (entry.Value is SourceScalar { IsString: true } s) return s.Text;
        Error(entry.Value.Location, RunbookErrorCodes.InvalidType, $"'{what}' must be a string, found {Describe(entry.Value)}");
        return null;
    }

    /// <summary>A string or a list of strings (the any-of form of match fields).</summary>
    public List<string> StringList(SourceEntry entry, string what)
    {
        var values = new List<string>();
        IEnumerable<SourceNode> items = entry.Value is SourceSequence seq ? seq.Items : [entry.Value];
        foreach (var item in items)
        {
            if (item is SourceScalar { IsString: true } s && s.Text.Length > 0) values.Add(s.Text);
            else Error(item.Location, RunbookErrorCodes.InvalidType, $"'{what}' must be a non-empty string or a list of them, found {Describe(item)}");
        }
        return values;
    }

    public TimeSpan? Duration(SourceEntry entry, string what)
    {
        if (entry.Value is SourceScalar { IsString: true } s && DurationText.TryParse(s.Text, out var duration)) return duration;
        Error(entry.Value.Location, RunbookErrorCodes.InvalidDuration,
            $"'{what}' is not a duration: {Describe(entry.Value)}; write e.g. 30s, 15m, 1h, 1d, 1h30m or PT30M");
        return null;
    }

    public bool? Bool(SourceEntry entry, string what)
    {
        if (entry.Value is SourceScalar { Value: { } v } && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        Error(entry.Value.Location, RunbookErrorCodes.InvalidType, $"'{what}' must be true or false, found {Describe(entry.Value)}");
        return null;
    }

    /// <summary>The scalar as a whole number, or null when it is not one.</summary>
    public static long? WholeNumber(SourceNode node) =>
        node is SourceScalar { Value: { } v } && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) ? n : null;

    public static string Describe(SourceNode node) =>
        node is SourceScalar s ? (s.IsString ? $"'{s.Text}'" : s.Value?.ToJsonString() ?? "null") : node.Shape;
}
