using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Templates;

/// <summary>Renders <c>{{ }}</c> templates (Scriban) inside step parameters and messages against the run's scope.</summary>
public interface ITemplateRenderer
{
    /// <summary>Renders every string in <paramref name="value"/> (recursively through objects and arrays).
    /// A string that is exactly one <c>{{ path }}</c> keeps the JSON type of what it names.</summary>
    JsonNode? Render(JsonNode? value, JsonObject scope);

    /// <summary>Renders one template as text, each printed value escaped for <paramref name="target"/>. Throws
    /// <see cref="TemplateRenderException"/> on a syntax or runtime error, or past a limit.</summary>
    string RenderText(string template, JsonObject scope, TemplateTarget target);

    /// <summary>Parses and checks without rendering. Null when valid, otherwise the first error with its position.</summary>
    TemplateSyntaxError? CheckSyntax(string template);

    /// <summary>The dotted variable paths a template reads, such as <c>inputs.customer_id</c>.</summary>
    IReadOnlyList<string> ReferencedPaths(string template);
}

/// <summary>A template error at a 1-based character offset in the template (<paramref name="Column"/>, so one-line templates read
/// naturally) and a 1-based line within it.</summary>
public sealed record TemplateSyntaxError(string Message, int Column, int Line = 1);
