using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RunbookOrchestrator.Definitions.Source;

/// <summary>Reads YAML into <see cref="SourceNode"/>s with the YAML 1.2 core schema for plain scalars.</summary>
public static partial class YamlSourceReader
{
    // Aliases let a tiny file expand into a huge tree ("billion laughs"); these bound the expanded size and nesting.
    private const int MaxNodes = 100_000;
    private const int MaxDepth = 64;

    // The YAML 1.2 core schema's tags; anything else (!!binary, !!python/object, !custom) has no meaning in a runbook.
    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq",
    };

    /// <summary>Parses the first document. Throws <see cref="SourceParseException"/> on malformed YAML or an empty file.</summary>
    public static SourceNode Read(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new SourceParseException(Describe(ex), Locate(ex, text, file));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            // The parser's own guards: still bad input, never a crash.
            throw new SourceParseException($"invalid YAML: {ex.Message}", new SourceLocation(file, 1, 1));
        }
        if (stream.Documents.Count == 0)
            throw new SourceParseException("the file holds no YAML document", new SourceLocation(file, 1, 1));
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new SourceParseException($"the file holds {stream.Documents.Count} YAML documents; a runbook file holds exactly one (remove the second '---')",
                new SourceLocation(file, (int)second.Line, (int)second.Column));
        }
        var budget = MaxNodes;
        return Convert(stream.Documents[0].RootNode, file, text.Split('\n'), 0, ref budget);
    }

    // For a tab in indentation YamlDotNet reports where the enclosing mapping began (often 1:1), which sent people
    // looking at the wrong line; the tab itself is the first one in leading white space from that line on.
    private static SourceLocation Locate(YamlException ex, string text, string file)
    {
        var line = Math.Max(1, (int)ex.Start.Line);
        var column = Math.Max(1, (int)ex.Start.Column);
        var message = (ex.InnerException as YamlException)?.Message ?? ex.Message;
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase))
        {
            var lines = text.Split('\n');
            for (var i = line - 1; i < lines.Length; i++)
            {
                var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
                var tab = lines[i].IndexOf('\t', 0, indent);
                if (tab >= 0) return new SourceLocation(file, i + 1, tab + 1);
            }
        }
        // An alias to an undefined anchor is reported at 1:1 too; the alias itself is findable by name.
        if (AnchorMissing().Match(message) is { Success: true } missing)
        {
            var lines = text.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var at = lines[i].IndexOf("*" + missing.Groups[1].Value, StringComparison.Ordinal);
                if (at >= 0) return new SourceLocation(file, i + 1, at + 1);
            }
        }
        return new SourceLocation(file, line, column);
    }

    [GeneratedRegex("anchor '([^']+)' does not exist")]
    private static partial Regex AnchorMissing();

    // YamlDotNet wraps the useful message inside "(Line: .., Col: ..): ..." prefixes; keep the plain sentence.
    private static string Describe(YamlException ex)
    {
        var message = (ex.InnerException as YamlException)?.Message ?? ex.Message;
        var idx = message.LastIndexOf("): ", StringComparison.Ordinal);
        var sentence = idx >= 0 ? message[(idx + 3)..] : message;
        if (sentence.Contains("tab", StringComparison.OrdinalIgnoreCase))
            return "invalid YAML: a tab is used for indentation; YAML indents with spaces only";
        return "invalid YAML: " + sentence;
    }

    // A block scalar's node starts at its '|' or '>'; what a template error inside it is counted from is its first content line.
    private static SourceLocation BlockContentStart(string[] lines, SourceLocation indicator)
    {
        for (var i = indicator.Line; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            return indicator with { Line = i + 1, Column = line.Length - line.TrimStart(' ').Length + 1 };
        }
        return indicator;
    }

    private static SourceNode Convert(YamlNode node, string file, string[] lines, int depth, ref int budget)
    {
        var location = new SourceLocation(file, (int)node.Start.Line, (int)node.Start.Column);
        if (--budget < 0)
            throw new SourceParseException($"the document expands to more than {MaxNodes} values (check for alias loops)", location);
        if (depth > MaxDepth)
            throw new SourceParseException($"the document is nested deeper than {MaxDepth} levels", location);
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        if (tag is not null && tag != "!" && !CoreTags.Contains(tag))
            throw new SourceParseException($"unsupported YAML tag '{tag}' (runbooks use plain YAML values; quote the text if the tag was meant literally)", location);
        switch (node)
        {
            case YamlMappingNode map:
                var entries = new List<SourceEntry>();
                foreach (var (key, value) in map.Children)
                {
                    var keyText = key is YamlScalarNode ks ? ks.Value ?? "" : key.ToString();
                    entries.Add(new SourceEntry(keyText, new SourceLocation(file, (int)key.Start.Line, (int)key.Start.Column), Convert(value, file, lines, depth + 1, ref budget)));
                }
                return new SourceMapping(entries, location);
            case YamlSequenceNode seq:
                var items = new List<SourceNode>(seq.Children.Count);
                foreach (var child in seq.Children) items.Add(Convert(child, file, lines, depth + 1, ref budget));
                return new SourceSequence(items, location);
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                if (tag == "tag:yaml.org,2002:str") return new SourceScalar(text, JsonValue.Create(text), location);
                if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted)
                    return new SourceScalar(text, JsonValue.Create(text), location with { Column = location.Column + 1 });
                if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                    return new SourceScalar(text, JsonValue.Create(text), BlockContentStart(lines, location));
                return new SourceScalar(text, TypePlain(text), location);
            default:
                throw new SourceParseException("unsupported YAML node", location);
        }
    }

    /// <summary>Types a plain (unquoted) scalar like YAML 1.2's core schema: null, bool, int, float, else string.</summary>
    internal static JsonValue? TypePlain(string text)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL") return null;
        if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            return JsonValue.Create(l);
        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            return JsonValue.Create(hex);
        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            return JsonValue.Create(d);
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
