using System.Text;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Masking;

/// <summary>The masking service: thread-safe, stateless; regexes are compiled once per catalog.</summary>
public sealed class Masker : IMasker
{
    /// <summary>Written instead of a text whose scan timed out, so nothing unscanned leaves.</summary>
    public const string UnscannableMask = "[masked: text could not be scanned]";

    private static readonly MaskTokenizer Plain = (_, _, mask) => mask;
    private readonly TextScanner _scanner;
    private readonly JsonMasking _json;
    private readonly JsonTextMasking _jsonText;

    /// <summary>Creates a masker over <paramref name="catalog"/> (the built-in detectors when null).</summary>
    public Masker(DetectorCatalog? catalog = null)
    {
        Catalog = catalog ?? DetectorCatalog.Default;
        _scanner = new TextScanner(Catalog);
        _json = new JsonMasking(this);
        _jsonText = new JsonTextMasking(this);
    }

    /// <summary>The detectors this masker uses.</summary>
    public DetectorCatalog Catalog { get; }

    /// <inheritdoc />
    public MaskResult MaskText(string text) => MaskText(text, Plain);

    /// <inheritdoc />
    public JsonNode? MaskJson(JsonNode? node, MaskingPolicy? policy = null) => _json.Mask(node, policy ?? MaskingPolicy.Empty, Plain);

    /// <inheritdoc />
    public string Mask(string value, string kind) => Mask(value, kind, Plain);

    /// <summary>
    /// JSON text in, masked JSON text out: the same text as <c>MaskJson(JsonNode.Parse(json), policy).ToJsonString()</c>
    /// without building either tree.
    /// </summary>
    internal string MaskJsonText(string json, MaskingPolicy? policy = null) => _jsonText.Mask(json, policy ?? MaskingPolicy.Empty, Plain);

    /// <inheritdoc />
    public MaskingSession BeginSession() => new(this);

    internal MaskResult MaskText(string text, MaskTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Apply(text, _scanner.Scan(text), tokenizer);
    }

    /// <summary>The masked text alone, or <paramref name="text"/> itself when nothing was found (the common case, without allocating).</summary>
    internal string MaskedText(string text, MaskTokenizer tokenizer)
    {
        var findings = _scanner.Scan(text);
        return findings is { Count: 0 } ? text : Apply(text, findings, tokenizer).Text;
    }

    private static MaskResult Apply(string text, List<TextScanner.Finding>? findings, MaskTokenizer tokenizer)
    {
        if (findings is null)
            return new MaskResult(UnscannableMask, [new Detection("unscannable", 0, text.Length, "timeout", UnscannableMask)]);
        if (findings.Count == 0) return new MaskResult(text, []);

        var output = new StringBuilder(text.Length);
        var detections = new List<Detection>(findings.Count);
        var position = 0;
        foreach (var f in findings)
        {
            var raw = text.Substring(f.Start, f.Length);
            var token = tokenizer(raw, f.Detector.Type, f.Detector.Style(raw));
            output.Append(text, position, f.Start - position).Append(token);
            position = f.End;
            detections.Add(new Detection(f.Detector.Type, f.Start, f.Length, f.Detector.Name, token));
        }
        output.Append(text, position, text.Length - position);
        return new MaskResult(output.ToString(), detections);
    }

    internal string Mask(string value, string kind, MaskTokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(value);
        var mask = kind switch
        {
            "secret" or "password" => "[secret]",
            "pii" => "[pii]",
            _ => Catalog.StyleFor(kind)?.Invoke(value) ?? $"[{kind}]",
        };
        return tokenizer(value, kind, mask);
    }

    /// <summary>Masks a whole value that a field name or declaration marks sensitive, keeping a value hint where the value is recognised.</summary>
    internal string MaskField(string value, string field, string kind, MaskTokenizer tokenizer)
    {
        if (kind is "secret" or "password") return tokenizer(value, kind, MaskStyles.SecretField(field));
        var scanned = _scanner.Scan(value.Trim());
        if (scanned is [var only] && only.Length == value.Trim().Length && (kind == "pii" || only.Detector.Type == kind))
            return tokenizer(value.Trim(), only.Detector.Type, only.Detector.Style(value.Trim()));
        return kind == "pii" ? tokenizer(value, kind, $"[pii: {field}]") : Mask(value, kind, tokenizer);
    }
}
