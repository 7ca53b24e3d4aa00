using System.Buffers;
using System.Text;
using System.Text.Json;
using RunbookOrchestrator.Masking.Validation;

namespace RunbookOrchestrator.Masking;

/// <summary>
/// Masks JSON text straight from a <see cref="Utf8JsonReader"/> to a <see cref="Utf8JsonWriter"/>, giving exactly the text
/// <c>MaskJson(JsonNode.Parse(json)).ToJsonString()</c> gives. Building and copying the node tree cost more than
/// finding the values in it; the rules (field names, policy, masks) are <see cref="JsonMasking"/>'s own.
/// </summary>
internal sealed class JsonTextMasking(Masker masker)
{
    public string Mask(string json, MaskingPolicy policy, MaskTokenizer tokenizer)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var output = new ArrayBufferWriter<byte>(utf8.Length + 256);
        using (var writer = new Utf8JsonWriter(output))
        {
            var reader = new Utf8JsonReader(utf8);
            // The sensitive field each open object or array is inside, and the property names it has had: a repeated
            // name makes JsonNode throw, so it throws here too.
            var contexts = new List<JsonMasking.SensitiveField?>();
            var names = new List<HashSet<string>>();
            JsonMasking.SensitiveField? pending = null;
            while (reader.Read())
            {
                var inherited = contexts.Count > 0 ? contexts[^1] : null;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        writer.WriteStartObject();
                        Open(contexts, names, pending ?? inherited);
                        pending = null;
                        break;
                    case JsonTokenType.StartArray:
                        writer.WriteStartArray();
                        Open(contexts, names, pending ?? inherited);
                        pending = null;
                        break;
                    case JsonTokenType.EndObject:
                        writer.WriteEndObject();
                        contexts.RemoveAt(contexts.Count - 1);
                        break;
                    case JsonTokenType.EndArray:
                        writer.WriteEndArray();
                        contexts.RemoveAt(contexts.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var name = reader.GetString()!;
                        if (!names[contexts.Count - 1].Add(name)) throw new ArgumentException($"An item with the same key has already been added. Key: {name}", "key");
                        writer.WritePropertyName(name);
                        pending = inherited ?? JsonMasking.FieldRule(name, policy);
                        break;
                    case JsonTokenType.String:
                        WriteString(writer, ref reader, pending ?? inherited, tokenizer);
                        pending = null;
                        break;
                    case JsonTokenType.Number:
                        WriteNumber(writer, ref reader, pending ?? inherited, tokenizer);
                        pending = null;
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        writer.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                        pending = null;
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        pending = null;
                        break;
                }
            }
        }
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static void Open(List<JsonMasking.SensitiveField?> contexts, List<HashSet<string>> names, JsonMasking.SensitiveField? sensitive)
    {
        contexts.Add(sensitive);
        // One name set per depth, cleared and reused rather than one per object.
        if (names.Count < contexts.Count) names.Add(new HashSet<string>(StringComparer.Ordinal));
        else names[contexts.Count - 1].Clear();
    }

    // An unchanged value is written from its UTF-8 bytes, which the writer escapes exactly as it would the decoded
    // string; values shorter than TextScanner.MinScanLength (never scanned) are not even decoded.
    private void WriteString(Utf8JsonWriter writer, ref Utf8JsonReader reader, JsonMasking.SensitiveField? sensitive, MaskTokenizer tokenizer)
    {
        var plain = !reader.ValueIsEscaped && !reader.HasValueSequence;
        if (sensitive is null && plain && reader.ValueSpan.Length < TextScanner.MinScanLength)
        {
            writer.WriteStringValue(reader.ValueSpan);
            return;
        }
        var text = reader.GetString()!;
        if (sensitive is { } s)
        {
            writer.WriteStringValue(masker.MaskField(text, s.Name, s.Kind, tokenizer));
            return;
        }
        var masked = masker.MaskedText(text, tokenizer);
        if (plain && ReferenceEquals(masked, text)) writer.WriteStringValue(reader.ValueSpan);
        else writer.WriteStringValue(masked);
    }

    private void WriteNumber(Utf8JsonWriter writer, ref Utf8JsonReader reader, JsonMasking.SensitiveField? sensitive, MaskTokenizer tokenizer)
    {
        if (sensitive is null && reader.TryGetInt64(out var parsed) && JsonMasking.CannotBeCard(parsed))
        {
            writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
            return;
        }
        var digits = Encoding.UTF8.GetString(reader.ValueSpan);
        if (sensitive is { } n) writer.WriteStringValue(masker.MaskField(digits, n.Name, n.Kind, tokenizer));
        else if (digits.Length is >= 13 and <= 19 && PaymentCard.IsValid(digits)) writer.WriteStringValue(masker.Mask(digits, "credit_card", tokenizer));
        else writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
    }
}
