using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;

namespace RunbookOrchestrator.Server.Api;

/// <summary>The one reader of request bodies: every POST endpoint takes a JSON object through it, with a size cap per endpoint,
/// and every way a body can be wrong becomes a 4xx problem that says what and where.</summary>
/// <remarks>Limits (documented in docs/api-errors.md): the endpoint's byte cap (<see cref="DefaultLimit"/> at most), <see cref="MaxDepth"/>
/// levels of nesting, one occurrence per key, UTF-8 only, no lone surrogates. An empty body is refused rather than read as <c>{}</c>:
/// a request cut short on its way must not pass for one that meant to say nothing.</remarks>
internal static class JsonBody
{
    public const long DefaultLimit = 1024 * 1024;

    /// <summary>Deepest nesting of objects and arrays accepted; run state wraps inputs a few levels deeper, well within the serializer's 64.</summary>
    public const int MaxDepth = 32;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Returns the body as a JSON object, or the problem to answer with.</summary>
    public static async Task<(JsonObject? Body, IResult? Problem)> ReadObjectAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) return (null, ApiProblems.TooLarge(limit));

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return (null, ApiProblems.TooLarge(limit));
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];

        if (bytes.Span.IndexOfAnyExcept(" \t\r\n"u8) < 0)
            return (null, ApiProblems.Invalid("empty-body", [new ProblemError("", "The body is empty; send a JSON object (at least {}) with Content-Type: application/json.")]));
        if (UnsupportedMediaType(request.ContentType) is { } refusal) return (null, refusal);

        if (JsonBodyScanner.Scan(bytes.Span, MaxDepth) is { } error)
            return (null, ApiProblems.Invalid(error.Code, [new ProblemError(error.Path, error.Message)],
                new Dictionary<string, object?> { ["line"] = error.Line, ["position"] = error.Byte }));

        var node = JsonNode.Parse(bytes.Span, documentOptions: new JsonDocumentOptions { MaxDepth = MaxDepth + 8 });
        if (node is JsonObject body) return (body, null);
        return (null, ApiProblems.Invalid("wrong-type", [new ProblemError("", $"The body must be a JSON object, not {Describe(node)}.")]));
    }

    /// <summary>Describes a JSON value's kind for an error message, never its content.</summary>
    public static string Describe(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "an unknown kind of value",
    };

    private static IResult? UnsupportedMediaType(string? contentType)
    {
        string? why = null;
        if (string.IsNullOrWhiteSpace(contentType)) why = "The body has no Content-Type; send it as application/json.";
        else if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
                 || !(media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                      || media.MediaType.Value?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) == true))
            why = $"The body must be JSON (application/json), not '{Shorten(contentType)}'.";
        else if (media.Charset.HasValue && !(media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || media.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
            why = $"The body must be UTF-8 encoded JSON, not charset '{Shorten(media.Charset.Value!)}'.";
        return why is null ? null : ApiProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type", why);
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
