using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace RunbookOrchestrator.Templates;

/// <summary>Renders templates with Scriban in a sandbox (<see cref="TemplateSandbox"/>): no file access, loop, recursion, output and
/// time limits, strict variables; a string that is exactly one <c>{{ path }}</c> keeps the JSON type of what it names.</summary>
public sealed partial class ScribanTemplateRenderer : ITemplateRenderer
{
    /// <summary>Longest template accepted, in characters.</summary>
    public const int MaxTemplateChars = 64 * 1024;

    /// <summary>Longest rendered string, in characters.</summary>
    public const int MaxOutputChars = TemplateSandbox.MaxOutputChars;

    private const int MaxCachedTemplates = 1024;

    private readonly ConcurrentDictionary<string, (Template Template, TemplateCheck Check)> _parsed = new(StringComparer.Ordinal);
    private readonly TimeSpan _renderTimeLimit;

    public ScribanTemplateRenderer() : this(TemplateSandbox.MaxRenderTime)
    {
    }

    /// <summary>With another render time limit (tests prove the limit is enforced with a zero one).</summary>
    internal ScribanTemplateRenderer(TimeSpan renderTimeLimit)
    {
        _renderTimeLimit = renderTimeLimit;
    }

    /// <inheritdoc />
    public JsonNode? Render(JsonNode? value, JsonObject scope)
    {
        ScriptObject? globals = null;
        return RenderNode(value, scope, ref globals);
    }

    /// <inheritdoc />
    public string RenderText(string template, JsonObject scope, TemplateTarget target)
    {
        ScriptObject? globals = null;
        return RenderToText(template, scope, ref globals, target);
    }

    /// <inheritdoc />
    public TemplateSyntaxError? CheckSyntax(string template)
    {
        if (template.Length > MaxTemplateChars)
            return new TemplateSyntaxError($"template is longer than {MaxTemplateChars / 1024} KiB", 1);
        if (!template.Contains("{{", StringComparison.Ordinal)) return null;
        var (parsed, check) = Parse(template);
        return ParseError(parsed) ?? check.Error;
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ReferencedPaths(string template)
    {
        if (template.Length > MaxTemplateChars || !template.Contains("{{", StringComparison.Ordinal)) return [];
        var (parsed, check) = Parse(template);
        return parsed.HasErrors ? [] : check.Paths;
    }

    private JsonNode? RenderNode(JsonNode? value, JsonObject scope, ref ScriptObject? globals)
    {
        switch (value)
        {
            case JsonObject obj:
                var renderedObject = new JsonObject();
                foreach (var (key, child) in obj) renderedObject[key] = RenderNode(child, scope, ref globals);
                return renderedObject;
            case JsonArray array:
                var renderedArray = new JsonArray();
                foreach (var child in array) renderedArray.Add(RenderNode(child, scope, ref globals));
                return renderedArray;
            case JsonValue v when v.TryGetValue<string>(out var text):
                if (!text.Contains("{{", StringComparison.Ordinal)) return JsonValue.Create(text);
                if (SingleReference(text) is { } segments) return Resolve(scope, segments)?.DeepClone();
                return JsonValue.Create(RenderToText(text, scope, ref globals, TemplateTarget.PlainText));
            default:
                return value?.DeepClone();
        }
    }

    // The Scriban view of the scope is built once per call, and only when some string needs Scriban.
    private string RenderToText(string text, JsonObject scope, ref ScriptObject? globals, TemplateTarget target)
    {
        if (text.Length > MaxTemplateChars)
            throw new TemplateRenderException($"template is longer than {MaxTemplateChars / 1024} KiB");
        var (parsed, check) = Parse(text);
        if ((ParseError(parsed) ?? check.Error) is { } error)
            throw new TemplateRenderException($"template error at line {error.Line}, character {error.Column}: {error.Message}", error.Column);

        globals ??= (ScriptObject)TemplateScope.From(scope)!;
        // A fresh parse for each rendering: a Template is not documented as safe to render on several threads at once, and the
        // engine renders on many. Parsing a parameter-sized template costs microseconds; the checks above come from the cache.
        parsed = Template.Parse(text);
        using var timeout = new CancellationTokenSource(_renderTimeLimit);
        var context = new TemplateSandbox(target, timeout.Token);
        using var output = new BoundedWriter(MaxOutputChars);
        context.PushOutput(new TextWriterOutput(output));
        context.PushGlobal(globals);
        // Assignments land in this layer, so one string's variables never leak into the run's scope or the next string.
        context.PushGlobal(new ScriptObject());
        try
        {
            parsed.Render(context);
            return output.ToString();
        }
        catch (Exception ex) when (timeout.IsCancellationRequested && ex is ScriptRuntimeException or OperationCanceledException)
        {
            throw new TemplateRenderException($"template took longer than {_renderTimeLimit.TotalSeconds:0.###} s to render and was stopped");
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateRenderException(
                $"template error at line {ex.Span.Start.Line + 1}, character {ex.Span.Start.Offset + 1}: {ex.OriginalMessage}", ex.Span.Start.Offset + 1);
        }
    }

    private (Template Template, TemplateCheck Check) Parse(string text)
    {
        if (_parsed.TryGetValue(text, out var entry)) return entry;
        var template = Template.Parse(text);
        entry = (template, template.HasErrors ? new TemplateCheck(null, []) : TemplateAnalysis.UnclosedTag(text) is { } unclosed ? new TemplateCheck(unclosed, []) : TemplateAnalysis.Analyze(template));
        // A crude bound: templates come from runbook files, so a full cache means something unusual; start over.
        if (_parsed.Count >= MaxCachedTemplates) _parsed.Clear();
        _parsed[text] = entry;
        return entry;
    }

    private static TemplateSyntaxError? ParseError(Template template)
    {
        if (!template.HasErrors) return null;
        var first = template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error);
        return new TemplateSyntaxError(first.Message, first.Span.Start.Offset + 1, first.Span.Start.Line + 1);
    }

    /// <summary>The segments of a string that is exactly one <c>{{ path }}</c> (dots, <c>["key"]</c>, <c>[0]</c>), else null.</summary>
    internal static List<string>? SingleReference(string text)
    {
        var match = SingleReferencePattern().Match(text);
        if (!match.Success) return null;
        var segments = new List<string> { match.Groups["root"].Value };
        foreach (Capture capture in match.Groups["segment"].Captures)
        {
            var s = capture.Value;
            segments.Add(s[0] == '.' ? s[1..] : s.Trim('[', ']', ' ') is var inner && inner.Length > 0 && inner[0] is '"' or '\'' ? inner[1..^1] : inner);
        }
        return segments;
    }

    private static JsonNode? Resolve(JsonNode? node, IReadOnlyList<string> segments)
    {
        foreach (var segment in segments)
        {
            node = node switch
            {
                JsonObject o => o.TryGetPropertyValue(segment, out var child) ? child : null,
                JsonArray a when int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return null;
        }
        return node;
    }

    [GeneratedRegex("""^\{\{-?\s*(?<root>[A-Za-z_][A-Za-z0-9_]*)(?<segment>\.[A-Za-z_][A-Za-z0-9_]*|\[\s*(?:"[^"\\]*"|'[^'\\]*'|[0-9]+)\s*\])*\s*-?\}\}$""")]
    private static partial Regex SingleReferencePattern();
}
