using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HandlebarsDotNet;
using HandlebarsDotNet.IO;

namespace RunbookOrchestrator.Templates;

/// <summary>Turns the JSON scope into dictionaries and lists Handlebars can walk, and prints them back as JSON.</summary>
internal static class TemplateScope
{
    public static object? From(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new ScopeMap(o),
        JsonArray a => new ScopeList(a),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => Number(v),
            _ => null,
        },
        _ => null,
    };

    // The raw JSON text is the one representation every numeric JsonValue agrees on, whatever CLR type backs it.
    private static object Number(JsonValue value)
    {
        var raw = value.ToJsonString();
        return long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : double.Parse(raw, CultureInfo.InvariantCulture);
    }

    /// <summary>Registers how scope values print: objects and arrays as compact JSON, bools and numbers the JSON way.</summary>
    public static void AddFormatters(HandlebarsConfiguration configuration) => configuration.FormatterProviders.Add(new JsonFormatter());

    /// <summary>A JSON object as Handlebars sees it.</summary>
    private sealed class ScopeMap : Dictionary<string, object?>
    {
        private readonly JsonObject _source;

        public ScopeMap(JsonObject source) : base(StringComparer.Ordinal)
        {
            _source = source;
            foreach (var (key, value) in source) this[key] = From(value);
        }

        public override string ToString() => _source.ToJsonString();
    }

    /// <summary>A JSON array as Handlebars sees it.</summary>
    private sealed class ScopeList : List<object?>
    {
        private readonly JsonArray _source;

        public ScopeList(JsonArray source) : base(source.Select(From))
        {
            _source = source;
        }

        public override string ToString() => _source.ToJsonString();
    }

    private sealed class JsonFormatter : IFormatter, IFormatterProvider
    {
        public void Format<T>(T value, in EncodedTextWriter writer)
        {
            var text = value switch
            {
                bool b => b ? "true" : "false",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                _ => value?.ToString() ?? "",
            };
            writer.Write(text, false);
        }

        public bool TryCreateFormatter(Type type, out IFormatter formatter)
        {
            formatter = this;
            return type == typeof(ScopeMap) || type == typeof(ScopeList) || type == typeof(bool) || type == typeof(double);
        }
    }
}
