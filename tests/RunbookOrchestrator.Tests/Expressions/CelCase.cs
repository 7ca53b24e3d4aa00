using System.Text.Json.Nodes;
using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Tests.Expressions;

/// <summary>Conformance-style checks: an expression either yields a value of a CEL type (compared as JSON) or fails with a message.</summary>
internal static class CelCase
{
    public static CelValue Eval(string expression, string varsJson = "{}") =>
        CelProgram.Parse(expression).Evaluate(CelActivation.FromJson(JsonNode.Parse(varsJson)!.AsObject()));

    public static void Yields(string expression, string type, string json, string varsJson = "{}")
    {
        var value = Eval(expression, varsJson);
        Assert.Equal(type, value.TypeName);
        Assert.Equal(Normalize(json), value.ToJson()?.ToJsonString() ?? "null");
    }

    public static void Fails(string expression, string messageFragment, string varsJson = "{}")
    {
        var error = Assert.Throws<ExpressionException>(() => Eval(expression, varsJson));
        Assert.Contains(messageFragment, error.Message);
    }

    private static string Normalize(string json) => JsonNode.Parse(json)?.ToJsonString() ?? "null";
}
