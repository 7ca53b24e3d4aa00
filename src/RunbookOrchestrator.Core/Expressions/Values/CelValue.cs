using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Expressions;

/// <summary>A CEL runtime value; the set of subclasses is closed (int, uint, double, string, bytes, bool, null, list, map, type).</summary>
/// <remarks>Plain classes rather than records on purpose: CEL equality (heterogeneous numbers, NaN, deep lists) is not structural record equality, see <see cref="CelEquality"/>.</remarks>
public abstract class CelValue
{
    private protected CelValue() { }

    /// <summary>The CEL type name: int, uint, double, string, bytes, bool, null_type, list, map or type.</summary>
    public abstract string TypeName { get; }

    /// <summary>Maps JSON to CEL: objects become maps, arrays lists, integral numbers that fit int64 become int, other numbers double.</summary>
    public static CelValue FromJson(JsonNode? node) => CelJson.FromJson(node);

    /// <summary>Maps back to JSON: bytes become base64, NaN/Infinity become strings, map keys are stringified, type values their name.</summary>
    public JsonNode? ToJson() => CelJson.ToJson(this);

    public override string ToString() => CelDisplay.Format(this);
}
