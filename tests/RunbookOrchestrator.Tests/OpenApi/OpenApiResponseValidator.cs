using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RunbookOrchestrator.Tests.OpenApi;

/// <summary>Checks a response against the served OpenAPI document: the status is documented for the operation, and the body
/// matches its schema (types, required and documented members, enums, items, $ref, oneOf/anyOf). Members the schema does not
/// list are errors too, unless it allows additional ones: an undocumented field is a lie of the document.</summary>
public sealed class OpenApiResponseValidator(JsonNode document)
{
    private readonly List<(Regex Pattern, string Template)> _paths = document["paths"]!.AsObject()
        .Select(p => (new Regex("^" + Regex.Replace(Regex.Escape(p.Key), @"\\\{[^}]+}", "[^/]+") + "$"), p.Key))
        .OrderByDescending(p => p.Key.Count(c => c == '/')).ThenBy(p => p.Key.Contains('{')).ToList();

    /// <summary>The documented template of a request path, or null when no path of the document matches it.</summary>
    public string? TemplateOf(string path) => _paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;

    /// <summary>Problems with one response; empty when it is what the document says.</summary>
    public IReadOnlyList<string> Validate(string method, string path, int status, string? mediaType, JsonNode? body)
    {
        var template = TemplateOf(path);
        if (template is null) return [$"{method} {path}: no documented path"];
        var operation = document["paths"]![template]![method.ToLowerInvariant()];
        if (operation is null) return [$"{method} {template}: method not documented"];
        var response = operation["responses"]?[status.ToString()] ?? operation["responses"]?["default"];
        var where = $"{method} {template} {status}";
        if (response is null) return [$"{where}: status not documented"];
        if (body is null) return [];
        var content = response["content"]?.AsObject();
        if (content is null || content.Count == 0) return [$"{where}: a body was sent but none is documented"];
        var schema = (mediaType is not null ? content[mediaType] : null) ?? content.First().Value;
        if (schema?["schema"] is not { } s) return [];
        var errors = new List<string>();
        Check(s, body, "$", errors);
        return errors.Select(e => $"{where}: {e}").ToList();
    }

    private JsonNode Resolve(JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
            schema = document["components"]!["schemas"]![reference.Split('/').Last()]!;
        return schema;
    }

    private void Check(JsonNode schema, JsonNode? value, string at, List<string> errors)
    {
        schema = Resolve(schema);
        foreach (var key in new[] { "oneOf", "anyOf" })
            if (schema[key] is JsonArray branches)
            {
                if (!branches.Any(b => Passes(b!, value))) errors.Add($"{at}: matches none of {key}");
                return;
            }
        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            var actual = KindOf(value);
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{at}: is {actual}, documented as {string.Join("|", allowed)}");
                return;
            }
        }
        if (schema["enum"] is JsonArray values && value is not null && !values.Any(v => JsonNode.DeepEquals(v, value)))
            errors.Add($"{at}: {value.ToJsonString()} is not one of {values.ToJsonString()}");
        if (value is JsonObject obj)
        {
            var properties = schema["properties"]?.AsObject();
            foreach (var required in schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [])
                if (!obj.ContainsKey(required)) errors.Add($"{at}: required member '{required}' is missing");
            foreach (var (name, member) in obj)
            {
                if (properties?[name] is { } memberSchema) Check(memberSchema, member, $"{at}.{name}", errors);
                else if (schema["additionalProperties"] is JsonObject extra) Check(extra, member, $"{at}.{name}", errors);
                else if (schema["additionalProperties"] is null && properties is not null) errors.Add($"{at}: member '{name}' is not documented");
            }
        }
        if (value is JsonArray array && schema["items"] is { } items)
            for (var i = 0; i < array.Count; i++) Check(items, array[i], $"{at}[{i}]", errors);
    }

    private bool Passes(JsonNode schema, JsonNode? value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors);
        return errors.Count == 0;
    }

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<decimal>(out var d) && d == decimal.Truncate(d) => "integer",
        _ => "number",
    };
}
