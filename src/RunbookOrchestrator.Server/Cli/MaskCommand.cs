using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Server.Cli;

/// <summary>
/// <c>mask</c>: reads JSON Lines with a <c>text</c> field from stdin and writes, per line and in order, the masked text and
/// its detections. Spans count Unicode code points of the original text. A bad line yields <c>{"error": ...}</c>.
/// </summary>
public sealed class MaskCommand : ICliCommand
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IMasker _masker;

    /// <summary>Uses the built-in detectors.</summary>
    public MaskCommand() : this(new Masker()) { }

    /// <summary>Uses <paramref name="masker"/>.</summary>
    public MaskCommand(IMasker masker) => _masker = masker;

    public string Name => "mask";

    public string Usage => "mask < in.jsonl > out.jsonl   (each line {\"text\": ...} -> {\"text\": masked, \"detections\": [...]})";

    public async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var lineNumber = 0;
        while (await console.In.ReadLineAsync() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            await console.Out.WriteLineAsync(MaskLine(line, lineNumber));
        }
        await console.Out.FlushAsync();
        return 0;
    }

    private string MaskLine(string line, int lineNumber)
    {
        string text;
        try
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return Error($"line {lineNumber}: expected a JSON object, got {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}");
            if (!doc.RootElement.TryGetProperty("text", out var field) || field.ValueKind != JsonValueKind.String)
                return Error($"line {lineNumber}: missing string field \"text\"");
            text = field.GetString()!;
        }
        catch (JsonException e)
        {
            // The parser's message can quote input, so only its position is reported.
            return Error($"line {lineNumber}: not valid JSON (at byte {e.BytePositionInLine?.ToString(CultureInfo.InvariantCulture) ?? "?"})");
        }
        return Write(text, _masker.MaskText(text));
    }

    private static string Write(string original, MaskResult result)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("text", result.Text);
            w.WriteStartArray("detections");
            foreach (var d in result.Detections)
            {
                var start = CodePoints(original, 0, d.Start);
                w.WriteStartObject();
                w.WriteString("type", d.Type);
                w.WriteNumber("start", start);
                w.WriteNumber("length", CodePoints(original, d.Start, d.Length));
                w.WriteString("detector", d.Detector);
                w.WriteString("mask", d.Mask);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    // Consumers in most languages index strings by code point, so surrogate pairs count once.
    private static int CodePoints(string s, int start, int length)
    {
        var n = 0;
        for (var i = start; i < start + length; i++)
            if (!char.IsLowSurrogate(s[i]) || i == start) n++;
        return n;
    }

    private static string Error(string message)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("error", message);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
