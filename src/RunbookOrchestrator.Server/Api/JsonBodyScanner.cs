using System.Buffers;
using System.Text.Json;

namespace RunbookOrchestrator.Server.Api;

/// <summary>Walks a request body token by token and finds what a lenient parser would let through and fail on later:
/// duplicate keys, invalid UTF-8, lone surrogate escapes, nesting beyond the limit, and plain syntax errors, each with its path.</summary>
/// <remarks>The tree parser keeps strings undecoded until first read, so a lone <c>\ud800</c> used to surface as an exception deep inside an
/// endpoint (a 500); decoding every string here turns it into a 400 that names the field.</remarks>
internal static class JsonBodyScanner
{
    /// <summary>The first problem in <paramref name="json"/>, or null when it is one well-formed JSON value.</summary>
    public static JsonBodyError? Scan(ReadOnlySpan<byte> json, int maxDepth)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 8, CommentHandling = JsonCommentHandling.Disallow });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                var frame = frames.Count > 0 ? frames[^1] : null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                    {
                        var at = reader.TokenStartIndex;
                        if (Decode(ref reader) is not { } name)
                            return BadString(json, ref reader, frames, null, "a key", at);
                        if (!frame!.Keys!.Add(name))
                            return Error(json, "duplicate-key", $"The key '{Shorten(name)}' appears more than once in the object at {Where(Path(frames))}; each key may appear once.",
                                Path(frames, name), at);
                        frame.PendingName = name;
                        break;
                    }
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    {
                        var segment = frame?.NextSegment();
                        if (frames.Count + 1 > maxDepth)
                            return Error(json, "too-deep", $"The body nests deeper than {maxDepth} levels of objects and arrays at {Where(Path(frames, segment))}.",
                                Path(frames, segment), reader.TokenStartIndex);
                        frames.Add(new Frame(segment, reader.TokenType == JsonTokenType.StartObject ? new HashSet<string>(StringComparer.Ordinal) : null));
                        break;
                    }
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.String:
                    {
                        var at = reader.TokenStartIndex;
                        var segment = frame?.NextSegment();
                        if (Decode(ref reader) is null) return BadString(json, ref reader, frames, segment, "the string", at);
                        break;
                    }
                    default:
                        frame?.NextSegment();
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            var message = ex.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
            var frame = frames.Count > 0 ? frames[^1] : null;
            var path = Path(frames, frame?.Keys is null ? null : frame.PendingName);
            return new JsonBodyError("malformed-json", $"The body is not valid JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1} (near {Where(path)}): {message}",
                path, (ex.LineNumber ?? 0) + 1, (ex.BytePositionInLine ?? 0) + 1);
        }
        return null;
    }

    private static string? Decode(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonBodyError BadString(ReadOnlySpan<byte> json, ref Utf8JsonReader reader, List<Frame> frames, string? segment, string what, long at)
    {
        var path = Path(frames, segment);
        var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        return System.Text.Unicode.Utf8.IsValid(raw)
            ? Error(json, "invalid-unicode-escape",
                $"{Capitalize(what)} at {Where(path)} contains a lone surrogate escape (such as \\ud800 without its pair); JSON strings must be valid Unicode.", path, at)
            : Error(json, "invalid-utf8", $"{Capitalize(what)} at {Where(path)} is not valid UTF-8; the body must be UTF-8 encoded.", path, at);
    }

    private static JsonBodyError Error(ReadOnlySpan<byte> json, string code, string message, string path, long offset)
    {
        var before = json[..(int)Math.Min(offset, json.Length)];
        var lastNewline = before.LastIndexOf((byte)'\n');
        var line = before.Count((byte)'\n') + 1;
        var column = offset - lastNewline;
        return new JsonBodyError(code, $"{message} (line {line}, byte {column})", path, line, column);
    }

    private static string Path(List<Frame> frames, string? last = null)
    {
        var segments = frames.Where(f => f.Segment is not null).Select(f => f.Segment!);
        return JsonPointer.Of(last is null ? segments : segments.Append(last));
    }

    private static string Where(string path) => path.Length == 0 ? "the top level" : $"'{(path.Length <= 200 ? path : path[..200] + "…")}'";

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>One open object (with the keys seen so far) or array (with the next index).</summary>
    private sealed class Frame(string? segment, HashSet<string>? keys)
    {
        public string? Segment { get; } = segment;
        public HashSet<string>? Keys { get; } = keys;
        public string? PendingName { get; set; }
        private int _index;

        /// <summary>The segment naming the value about to be read: the key just read in an object, the next index in an array.</summary>
        public string? NextSegment() => Keys is null ? (_index++).ToString(System.Globalization.CultureInfo.InvariantCulture) : PendingName;
    }
}
