using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Expressions;

namespace RunbookOrchestrator.Server.Cli;

/// <summary>The <c>eval</c> verb: evaluates one CEL expression, or a JSON Lines stream of them, and prints value and CEL type as JSON.</summary>
public sealed class EvalCommand : ICliCommand
{
    private static readonly JsonSerializerOptions Output = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // A repeated property would otherwise surface later, as an exception from JsonObject that ends the whole stream.
    private static readonly JsonDocumentOptions Input = new() { AllowDuplicateProperties = false };

    public string Name => "eval";

    public string Usage => "eval '<cel expression>' [--vars '<json object>']   (no expression: JSON Lines {\"expr\":..,\"vars\":{..}} on stdin)";

    public async Task<int> RunAsync(string[] args, CliConsole console)
    {
        if (!TryReadArguments(args, out var expression, out var varsText, out var usageError))
        {
            await console.Out.WriteLineAsync(ErrorLine(usageError!));
            return 1;
        }
        if (expression is null)
        {
            await RunLinesAsync(console);
            return 0;
        }

        JsonObject? vars = null;
        if (varsText is not null && !TryParseVars(varsText, out vars, out var varsError))
        {
            await console.Out.WriteLineAsync(ErrorLine(varsError!));
            return 1;
        }
        var (line, ok) = Evaluate(expression, vars);
        await console.Out.WriteLineAsync(line);
        return ok ? 0 : 1;
    }

    private static bool TryReadArguments(string[] args, out string? expression, out string? vars, out string? error)
    {
        (expression, vars, error) = (null, null, null);
        var optionsEnded = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (!optionsEnded && args[i] == "--")
            {
                optionsEnded = true;
            }
            else if (!optionsEnded && args[i] == "--vars")
            {
                if (i + 1 >= args.Length)
                {
                    error = "--vars needs a JSON object argument";
                    return false;
                }
                vars = args[++i];
            }
            else if (expression is null)
            {
                expression = args[i];
            }
            else
            {
                error = $"unexpected argument at position {i + 1}; quote the expression as a single argument";
                return false;
            }
        }
        if (expression is null && vars is not null)
        {
            error = "--vars needs an expression argument";
            return false;
        }
        return true;
    }

    private static async Task RunLinesAsync(CliConsole console)
    {
        var lineNumber = 0;
        while (await console.In.ReadLineAsync() is { } read)
        {
            lineNumber++;
            // Files saved by some Windows editors start with a byte order mark, which JSON does not allow.
            var line = lineNumber == 1 ? read.TrimStart('\uFEFF') : read;
            if (string.IsNullOrWhiteSpace(line)) continue;
            await console.Out.WriteLineAsync(EvaluateLine(line, lineNumber));
        }
        await console.Out.FlushAsync();
    }

    private static string EvaluateLine(string line, int lineNumber)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line, documentOptions: Input);
        }
        catch (JsonException e)
        {
            // The parser's message quotes the input, which may hold secrets; the position is enough.
            return ErrorLine(e.BytePositionInLine is { } position
                ? $"input line {lineNumber} is not valid JSON (near byte {position})"
                : $"input line {lineNumber} is not valid JSON (a property name is repeated)");
        }
        if (node is not JsonObject request)
            return ErrorLine($"input line {lineNumber} must be a JSON object with \"expr\" and optional \"vars\"");
        string? expression;
        try
        {
            if (request["expr"] is not JsonValue exprValue || !exprValue.TryGetValue(out expression))
                return ErrorLine($"input line {lineNumber}: \"expr\" must be a string");
        }
        catch (InvalidOperationException)
        {
            return ErrorLine($"input line {lineNumber}: \"expr\" is not valid Unicode (an unpaired surrogate escape)");
        }
        var varsNode = request["vars"];
        if (varsNode is not null and not JsonObject)
            return ErrorLine($"input line {lineNumber}: \"vars\" must be a JSON object");
        return Evaluate(expression, (JsonObject?)varsNode).Line;
    }

    private static bool TryParseVars(string text, out JsonObject? vars, out string? error)
    {
        (vars, error) = (null, null);
        try
        {
            if (JsonNode.Parse(text, documentOptions: Input) is JsonObject o)
            {
                vars = o;
                return true;
            }
            error = "--vars must be a JSON object";
        }
        catch (JsonException e)
        {
            error = e.BytePositionInLine is { } position
                ? $"--vars is not valid JSON (near byte {position})"
                : "--vars is not valid JSON (a property name is repeated)";
        }
        return false;
    }

    private static (string Line, bool Ok) Evaluate(string expression, JsonObject? vars)
    {
        try
        {
            var value = CelProgram.Parse(expression).Evaluate(CelActivation.FromJson(vars));
            var result = new JsonObject { ["value"] = value.ToJson(), ["type"] = value.TypeName };
            return (result.ToJsonString(Output), true);
        }
        catch (ExpressionException e)
        {
            return (ErrorLine(e.Message), false);
        }
    }

    private static string ErrorLine(string message) => new JsonObject { ["error"] = message }.ToJsonString(Output);
}
