using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HandlebarsDotNet;

namespace RunbookOrchestrator.Templates;

/// <summary>Renders step parameters with Handlebars.Net: no HTML escaping, only the built-in logic helpers
/// (<c>if</c>, <c>unless</c>, <c>each</c>, <c>with</c>, <c>lookup</c>), no partials, bounded input and output.</summary>
public sealed partial class HandlebarsTemplateRenderer : ITemplateRenderer
{
    /// <summary>Longest template accepted, in characters.</summary>
    public const int MaxTemplateChars = 64 * 1024;

    /// <summary>Longest rendered string, in characters.</summary>
    public const int MaxOutputChars = 1024 * 1024;

    private const int MaxCachedTemplates = 1024;

    private readonly IHandlebars _handlebars;
    private readonly ConcurrentDictionary<string, HandlebarsTemplate<TextWriter, object, object>> _compiled = new(StringComparer.Ordinal);

    public HandlebarsTemplateRenderer()
    {
        var configuration = new HandlebarsConfiguration { NoEscape = true, ThrowOnUnresolvedBindingExpression = false };
        TemplateScope.AddFormatters(configuration);
        _handlebars = Handlebars.Create(configuration);
    }

    /// <inheritdoc />
    public JsonNode? Render(JsonNode? value, JsonObject scope)
    {
        object? handlebarsScope = null;
        return RenderNode(value, scope, ref handlebarsScope);
    }

    /// <inheritdoc />
    public TemplateSyntaxError? CheckSyntax(string template)
    {
        if (template.Length > MaxTemplateChars)
            return new TemplateSyntaxError($"template is longer than {MaxTemplateChars / 1024} KiB", 1);
        if (!template.Contains("{{", StringComparison.Ordinal)) return null;
        var scan = TemplateScanner.Scan(template);
        if (scan.Error is not null) return scan.Error;
        try
        {
            Compile(template);
            return null;
        }
        catch (HandlebarsException ex)
        {
            return new TemplateSyntaxError(FirstLine(ex.Message), 1);
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ReferencedPaths(string template) =>
        template.Length > MaxTemplateChars || !template.Contains("{{", StringComparison.Ordinal) ? [] : TemplateScanner.Scan(template).Paths;

    /// <summary>Renders one string. Throws <see cref="TemplateRenderException"/> on bad syntax or output over the limit.</summary>
    public JsonNode? RenderString(string template, JsonObject scope)
    {
        object? handlebarsScope = null;
        return RenderText(template, scope, ref handlebarsScope);
    }

    private JsonNode? RenderNode(JsonNode? value, JsonObject scope, ref object? handlebarsScope)
    {
        switch (value)
        {
            case JsonObject obj:
                var renderedObject = new JsonObject();
                foreach (var (key, child) in obj) renderedObject[key] = RenderNode(child, scope, ref handlebarsScope);
                return renderedObject;
            case JsonArray array:
                var renderedArray = new JsonArray();
                foreach (var child in array) renderedArray.Add(RenderNode(child, scope, ref handlebarsScope));
                return renderedArray;
            case JsonValue v when v.TryGetValue<string>(out var text):
                return RenderText(text, scope, ref handlebarsScope);
            default:
                return value?.DeepClone();
        }
    }

    // The Handlebars view of the scope is built once per Render call and only when some string needs Handlebars.
    private JsonNode? RenderText(string text, JsonObject scope, ref object? handlebarsScope)
    {
        if (!text.Contains("{{", StringComparison.Ordinal)) return JsonValue.Create(text);
        if (text.Length > MaxTemplateChars)
            throw new TemplateRenderException($"template is longer than {MaxTemplateChars / 1024} KiB");

        var single = SingleReference().Match(text);
        if (single.Success)
        {
            var segments = TemplatePath.Parse(single.Groups["path"].Value, out _);
            if (segments is not null && segments.All(s => !s.StartsWith('@') && s != ".."))
                return Resolve(scope, segments)?.DeepClone();
        }

        var syntax = TemplateScanner.Scan(text).Error;
        if (syntax is not null) throw new TemplateRenderException($"template syntax error at column {syntax.Column}: {syntax.Message}", syntax.Column);

        handlebarsScope ??= TemplateScope.From(scope);
        try
        {
            var template = Compile(text);
            using var writer = new BoundedWriter(MaxOutputChars);
            template(writer, handlebarsScope!, null!);
            return JsonValue.Create(writer.ToString());
        }
        catch (HandlebarsException ex)
        {
            throw new TemplateRenderException("template error: " + FirstLine(ex.Message));
        }
    }

    private static JsonNode? Resolve(JsonNode? node, IReadOnlyList<string> segments)
    {
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    private HandlebarsTemplate<TextWriter, object, object> Compile(string template)
    {
        if (_compiled.TryGetValue(template, out var compiled)) return compiled;
        using (var reader = new StringReader(template))
            compiled = _handlebars.Compile(reader);
        // A crude bound: templates come from runbook files, so a full cache means something unusual; start over.
        if (_compiled.Count >= MaxCachedTemplates) _compiled.Clear();
        _compiled[template] = compiled;
        return compiled;
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }

    [GeneratedRegex(@"^\{\{\{?\s*(?<path>[^\s{}#/^!>&~()=""'][^\s{}()=""']*)\s*\}?\}\}$")]
    private static partial Regex SingleReference();
}
