using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Server.Api;

/// <summary>The body of <c>POST /api/runbooks/{id}/runs</c>: <c>{"inputs": {...}, "reason": "...", "callback_url": "https://..."}</c>.</summary>
internal sealed record StartRunBody(JsonObject Inputs, string? Reason, Uri? CallbackUrl)
{
    private static readonly string[] Fields = ["inputs", "reason", "callback_url"];
    public const int MaxReasonLength = 2000;

    /// <summary>Checks the shape field by field; returns the body or a list of problems naming the field.</summary>
    public static (StartRunBody? Body, List<string> Errors) From(JsonNode? node)
    {
        var errors = new List<string>();
        if (node is null) return (new StartRunBody(new JsonObject(), null, null), errors);
        if (node is not JsonObject obj)
        {
            errors.Add("the body must be a JSON object");
            return (null, errors);
        }
        foreach (var (name, _) in obj)
            if (!Fields.Contains(name)) errors.Add($"unknown field '{name}' (expected one of: {string.Join(", ", Fields)})");

        JsonObject inputs = new();
        switch (obj["inputs"])
        {
            case null: break;
            case JsonObject o: inputs = (JsonObject)o.DeepClone(); break;
            default: errors.Add("'inputs' must be a JSON object"); break;
        }

        string? reason = null;
        switch (obj["reason"])
        {
            case null: break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (s.Length > MaxReasonLength) errors.Add($"'reason' is longer than {MaxReasonLength} characters");
                reason = s;
                break;
            default: errors.Add("'reason' must be a string"); break;
        }

        Uri? callback = null;
        switch (obj["callback_url"])
        {
            case null: break;
            case JsonValue v when v.TryGetValue<string>(out var s) && Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                callback = uri;
                break;
            default: errors.Add("'callback_url' must be an absolute http or https URL"); break;
        }
        return (errors.Count == 0 ? new StartRunBody(inputs, reason, callback) : null, errors);
    }
}
