using System.Text.Json;
using System.Text.Json.Nodes;

namespace RunbookOrchestrator.Server.Api;

/// <summary>Reads a request body as JSON with a hard size cap, turning every way it can be wrong into a precise problem.</summary>
internal static class JsonBody
{
    public const long DefaultLimit = 1024 * 1024;

    /// <summary>Returns the parsed body (null for an empty body) or the problem to answer with.</summary>
    public static async Task<(JsonNode? Body, IResult? Problem)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return (null, ApiProblems.TooLarge(limit));
        if (request.ContentLength is > 0 && request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return (null, ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                $"The body must be JSON (application/json), not '{type}'."));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return (null, ApiProblems.TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, null);

        try
        {
            var node = JsonNode.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
            return (node, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}, byte {ex.BytePositionInLine + 1}" : "";
            return (null, ApiProblems.BadRequest("malformed-json", $"The body is not valid JSON{where}.",
                new Dictionary<string, object?> { ["line"] = ex.LineNumber + 1, ["position"] = ex.BytePositionInLine + 1 }));
        }
    }
}
