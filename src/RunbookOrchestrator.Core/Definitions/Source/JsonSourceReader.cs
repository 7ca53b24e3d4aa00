using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Definitions.Source;

/// <summary>Reads JSON into <see cref="SourceNode"/>s, computing each element's line and column from the reader's byte offsets.</summary>
public static class JsonSourceReader
{
    /// <summary>Parses the text. Throws <see cref="SourceParseException"/> on malformed JSON or duplicate keys.</summary>
    public static SourceNode Read(string text, string file)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var positions = new Positions(bytes, file);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        try
        {
            if (!reader.Read())
                throw new SourceParseException("the file holds no JSON value", new SourceLocation(file, 1, 1));
            var root = ReadValue(ref reader, positions);
            if (reader.Read())
                throw new SourceParseException("invalid JSON: unexpected content after the end of the document", positions.At(reader.TokenStartIndex));
            return root;
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = (int)(ex.BytePositionInLine ?? 0) + 1;
            throw new SourceParseException("invalid JSON: " + FirstSentence(ex.Message), new SourceLocation(file, line, column));
        }
    }

    // System.Text.Json appends "LineNumber: .. | BytePositionInLine: .."; the location is reported separately.
    private static string FirstSentence(string message)
    {
        var idx = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (idx >= 0 ? message[..idx] : message).TrimEnd('.', ' ');
    }

    private static SourceNode ReadValue(ref Utf8JsonReader reader, Positions positions)
    {
        var start = positions.At(reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<SourceEntry>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var keyLocation = positions.At(reader.TokenStartIndex);
                    var key = reader.GetString()!;
                    if (entries.Any(e => e.Key == key))
                        throw new SourceParseException($"duplicate key '{key}'", keyLocation);
                    reader.Read();
                    entries.Add(new SourceEntry(key, keyLocation, ReadValue(ref reader, positions)));
                }
                return new SourceMapping(entries, start);
            case JsonTokenType.StartArray:
                var items = new List<SourceNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(ReadValue(ref reader, positions));
                return new SourceSequence(items, start);
            case JsonTokenType.String:
                var s = reader.GetString()!;
                return new SourceScalar(s, JsonValue.Create(s), start with { Column = start.Column + 1 });
            case JsonTokenType.Number:
                var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                JsonValue number = reader.TryGetInt64(out var l) ? JsonValue.Create(l) : JsonValue.Create(reader.GetDouble());
                return new SourceScalar(raw, number, start);
            case JsonTokenType.True:
                return new SourceScalar("true", JsonValue.Create(true), start);
            case JsonTokenType.False:
                return new SourceScalar("false", JsonValue.Create(false), start);
            case JsonTokenType.Null:
                return new SourceScalar("null", null, start);
            default:
                throw new SourceParseException($"invalid JSON: unexpected {reader.TokenType}", start);
        }
    }

    /// <summary>Maps UTF-8 byte offsets to 1-based line and character column.</summary>
    private sealed class Positions
    {
        private readonly byte[] _bytes;
        private readonly List<int> _lineStarts = [0];
        private readonly string _file;

        public Positions(byte[] bytes, string file)
        {
            _bytes = bytes;
            _file = file;
            for (var i = 0; i < bytes.Length; i++)
                if (bytes[i] == (byte)'\n') _lineStarts.Add(i + 1);
        }

        public SourceLocation At(long offset)
        {
            var index = _lineStarts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            var lineStart = _lineStarts[line];
            var column = Encoding.UTF8.GetCharCount(_bytes, lineStart, (int)offset - lineStart) + 1;
            return new SourceLocation(_file, line + 1, column);
        }
    }
}
