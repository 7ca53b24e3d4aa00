using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Policy;

/// <summary>Which system an action touches, read from its parameters: the sql.query connection, the http.request host,
/// the shell executable, the runbook.call child. Null for activities that touch nothing outside the engine.</summary>
public static class ActionTarget
{
    /// <summary>The parameter the target is read from, per activity type.</summary>
    public static string? ParameterOf(string activityType) => activityType switch
    {
        "sql.query" => "connection",
        "http.request" => "url",
        "shell" => "command",
        "runbook.call" => "runbook",
        _ => null,
    };

    public static string? Of(string activityType, JsonObject parameters)
    {
        var node = ParameterOf(activityType) is { } name ? parameters[name] : null;
        if (activityType == "shell") node = node is JsonArray { Count: > 0 } argv ? argv[0] : null;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String) return null;
        var text = value.GetValue<string>();
        if (activityType != "http.request") return text;
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : text;
    }
}
