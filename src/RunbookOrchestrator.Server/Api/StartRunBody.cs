using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Server.Api;

/// <summary>The body of <c>POST /api/runbooks/{id}/runs</c>: <c>{"inputs": {...}, "reason": "...", "callback_url": "https://..."}</c>.</summary>
internal sealed record StartRunBody(JsonObject Inputs, string? Reason, Uri? CallbackUrl)
{
    private static readonly string[] Fields = ["inputs", "reason", "callback_url"];
    public const int MaxReasonLength = 2000;

    /// <summary>Checks the shape field by field; returns the body or a list of problems naming the field.</summary>
    public static (StartRunBody? Body, List<ProblemError> Errors) From(JsonObject obj)
    {
        var errors = new List<ProblemError>();
        foreach (var (name, _) in obj)
            if (!Fields.Contains(name))
                errors.Add(new ProblemError(JsonPointer.Of(name), $"unknown field '{Shorten(name)}' (expected one of: {string.Join(", ", Fields)})"));

        JsonObject inputs = new();
        switch (obj["inputs"])
        {
            case null: break;
            case JsonObject o: inputs = (JsonObject)o.DeepClone(); break;
            default: errors.Add(new ProblemError("/inputs", $"'inputs' must be a JSON object, not {JsonBody.Describe(obj["inputs"])}")); break;
        }

        string? reason = null;
        switch (obj["reason"])
        {
            case null: break;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (s.Length > MaxReasonLength) errors.Add(new ProblemError("/reason", $"'reason' is longer than {MaxReasonLength} characters"));
                reason = s;
                break;
            default: errors.Add(new ProblemError("/reason", "'reason' must be a string")); break;
        }

        Uri? callback = null;
        switch (obj["callback_url"])
        {
            case null: break;
            case JsonValue v when v.TryGetValue<string>(out var s) && Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https":
                callback = uri;
                break;
            default: errors.Add(new ProblemError("/callback_url", "'callback_url' must be an absolute http or https URL")); break;
        }
        return (errors.Count == 0 ? new StartRunBody(inputs, reason, callback) : null, errors);
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
