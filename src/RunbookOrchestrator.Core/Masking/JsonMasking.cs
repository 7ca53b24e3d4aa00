using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Masking.Validation;

namespace RunbookOrchestrator.Masking;

/// <summary>Walks a JSON tree and builds a masked copy: sensitive fields wholly, other strings by value, card numbers even as numbers.</summary>
internal sealed class JsonMasking(Masker masker)
{
    public JsonNode? Mask(JsonNode? node, MaskingPolicy policy, MaskTokenizer tokenizer) =>
        MaskNode(node, policy, tokenizer, sensitive: null);

    internal readonly record struct SensitiveField(string Name, string Kind);

    private JsonNode? MaskNode(JsonNode? node, MaskingPolicy policy, MaskTokenizer tokenizer, SensitiveField? sensitive)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                // Built from all its properties at once: adding them one by one showed up in profiles as the object's
                // dictionary growing again and again.
                var properties = new KeyValuePair<string, JsonNode?>[obj.Count];
                var p = 0;
                foreach (var (name, child) in obj)
                    properties[p++] = new(name, MaskNode(child, policy, tokenizer, sensitive ?? FieldRule(name, policy)));
                return new JsonObject(properties);
            case JsonArray array:
                var items = new JsonNode?[array.Count];
                for (var i = 0; i < items.Length; i++)
                    items[i] = MaskNode(array[i], policy, tokenizer, sensitive);
                return new JsonArray(items);
            case JsonValue value:
                return MaskValue(value, tokenizer, sensitive);
            default:
                return node.DeepClone();
        }
    }

    private JsonNode MaskValue(JsonValue value, MaskTokenizer tokenizer, SensitiveField? sensitive)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                if (sensitive is { } s) return JsonValue.Create(masker.MaskField(text, s.Name, s.Kind, tokenizer));
                var masked = masker.MaskedText(text, tokenizer);
                // An unchanged parsed value is cloned rather than rebuilt: it keeps its UTF-8 form for serialising.
                return ReferenceEquals(masked, text) ? value.DeepClone() : JsonValue.Create(masked);
            case JsonValueKind.Number:
                if (sensitive is null && CannotBeCard(value)) return value.DeepClone();
                var digits = value.ToJsonString();
                if (sensitive is { } n) return JsonValue.Create(masker.MaskField(digits, n.Name, n.Kind, tokenizer));
                // A card number sent as a JSON number still is a card number; it becomes a masked string.
                if (digits.Length is >= 13 and <= 19 && PaymentCard.IsValid(digits))
                    return JsonValue.Create(masker.Mask(digits, "credit_card", tokenizer));
                return value.DeepClone();
            default:
                return value.DeepClone();
        }
    }

    // Card numbers have 13 or more digits; most numbers are small integers, recognised without writing them out as text.
    internal static bool CannotBeCard(long parsed) => parsed is > -100_000_000_000 and < 1_000_000_000_000;

    private static bool CannotBeCard(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
            return element.TryGetInt64(out var parsed) && CannotBeCard(parsed);
        if (value.TryGetValue<int>(out _)) return true;
        return value.TryGetValue<long>(out var big) && CannotBeCard(big);
    }

    // A declared classification wins over the built-in names, so a runbook can declare "token_count" public.
    internal static SensitiveField? FieldRule(string name, MaskingPolicy policy)
    {
        switch (policy.ClassificationOf(name))
        {
            case DataClassification.Secret: return new SensitiveField(name, "secret");
            case DataClassification.Pii: return new SensitiveField(name, SensitiveFieldNames.KindOf(name) is { } k and not "secret" and not "password" ? k : "pii");
            case DataClassification.Public or DataClassification.Internal: return null;
        }
        if (policy.ListsAsSensitive(name)) return new SensitiveField(name, "secret");
        return SensitiveFieldNames.KindOf(name) is { } kind ? new SensitiveField(name, kind) : null;
    }
}
