using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RunbookOrchestrator.Tests.Masking.Integration;

/// <summary>Raw sensitive values to hunt for, in every form they could be written in: as they are, JSON-escaped
/// (System.Text.Json writes '+' as \u002B and accents as \u00e9 by default) and, for phone numbers, without the leading '+'.</summary>
public sealed class SensitiveValues
{
    private readonly Dictionary<string, string[]> _needles = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Values => _needles.Keys;

    public void Add(string label, string value)
    {
        var forms = new HashSet<string>(StringComparer.Ordinal)
        {
            value,
            JsonEncodedText.Encode(value).ToString(),
            JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
        };
        if (value.StartsWith('+')) forms.Add(value[1..]);
        _needles[$"{label}: {value}"] = forms.ToArray();
    }

    /// <summary>The labelled values found in <paramref name="text"/>.</summary>
    public IEnumerable<string> FoundIn(string text) =>
        _needles.Where(n => n.Value.Any(form => text.Contains(form, StringComparison.Ordinal))).Select(n => n.Key);

    /// <summary>The labelled values found in raw bytes (a database page holds UTF-8 text).</summary>
    public IEnumerable<string> FoundIn(byte[] bytes) =>
        _needles.Where(n => n.Value.Any(form => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(form)) >= 0)).Select(n => n.Key);
}
