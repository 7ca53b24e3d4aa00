using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Activities.Shell;

/// <summary>The environment a child process gets: a minimal base (never the server's own, which may hold secrets), the step's <c>env</c>, and the idempotency key.</summary>
public static class ShellEnvironment
{
    public const string IdempotencyVariable = "RBO_IDEMPOTENCY_KEY";
    private const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static IReadOnlyDictionary<string, string> Build(JsonObject? stepEnv, string idempotencyKey)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? DefaultPath,
            ["HOME"] = Environment.GetEnvironmentVariable("HOME") ?? "/tmp",
            ["LANG"] = Environment.GetEnvironmentVariable("LANG") ?? "C.UTF-8",
        };
        foreach (var (name, value) in stepEnv ?? [])
        {
            if (name.Length == 0 || name.Contains('=') || name.Contains('\0'))
                throw new ParameterException("env", $"environment variable name '{name}' is not valid");
            env[name] = value switch
            {
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                JsonValue v when v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => v.ToJsonString(),
                _ => throw new ParameterException("env", $"environment variable '{name}' must be a string"),
            };
        }
        env[IdempotencyVariable] = idempotencyKey;
        return env;
    }
}
