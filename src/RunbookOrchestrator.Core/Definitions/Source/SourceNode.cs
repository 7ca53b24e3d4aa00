using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Definitions.Source;

/// <summary>A parsed YAML or JSON value that remembers where it was written; the shared input of the definition mapper.</summary>
public abstract record SourceNode(SourceLocation Location)
{
    /// <summary>Short name of the node's shape for error messages ("a map", "a list", "a string").</summary>
    public abstract string Shape { get; }

    /// <summary>The value as plain JSON, dropping locations.</summary>
    public abstract JsonNode? ToJson();
}

/// <summary>A map with its entries in written order.</summary>
public sealed record SourceMapping(IReadOnlyList<SourceEntry> Entries, SourceLocation Location) : SourceNode(Location)
{
    public override string Shape => "a map";

    public SourceEntry? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);

    public override JsonNode ToJson()
    {
        var obj = new JsonObject();
        foreach (var e in Entries) obj[e.Key] = e.Value.ToJson();
        return obj;
    }
}

/// <summary>One key of a map, with where the key was written.</summary>
public sealed record SourceEntry(string Key, SourceLocation KeyLocation, SourceNode Value);

/// <summary>A list.</summary>
public sealed record SourceSequence(IReadOnlyList<SourceNode> Items, SourceLocation Location) : SourceNode(Location)
{
    public override string Shape => "a list";

    public override JsonNode ToJson() => new JsonArray(Items.Select(i => i.ToJson()).ToArray());
}

/// <summary>A scalar already typed the JSON way. <see cref="SourceNode.Location"/> points at the first character of the
/// content (after an opening quote) so columns inside single-line strings can be added to it.</summary>
/// <param name="Text">The scalar's text as written (unquoted).</param>
/// <param name="Value">The typed value: string, bool, number, or null.</param>
/// <param name="Location">Where the content starts.</param>
public sealed record SourceScalar(string Text, JsonValue? Value, SourceLocation Location) : SourceNode(Location)
{
    public override string Shape => Value switch
    {
        null => "null",
        _ when Value.GetValueKind() == System.Text.Json.JsonValueKind.String => "a string",
        _ when Value.GetValueKind() == System.Text.Json.JsonValueKind.Number => "a number",
        _ => "a bool",
    };

    public bool IsString => Value is not null && Value.GetValueKind() == System.Text.Json.JsonValueKind.String;

    public override JsonNode? ToJson() => Value?.DeepClone();
}
