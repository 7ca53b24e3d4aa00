using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Templates;

/// <summary>Renders <c>{{ }}</c> templates inside step parameters against the run's scope.</summary>
public interface ITemplateRenderer
{
    /// <summary>Renders every string in <paramref name="value"/> (recursively through objects and arrays).
    /// A string that is exactly one <c>{{ path }}</c> keeps the JSON type of what it names.</summary>
    JsonNode? Render(JsonNode? value, JsonObject scope);

    /// <summary>Parses only. Null when valid, otherwise the error with its 1-based column.</summary>
    TemplateSyntaxError? CheckSyntax(string template);

    /// <summary>The dotted variable paths a template reads, such as <c>inputs.customer_id</c>.</summary>
    IReadOnlyList<string> ReferencedPaths(string template);
}

/// <summary>A template syntax error at a 1-based column.</summary>
public sealed record TemplateSyntaxError(string Message, int Column);
