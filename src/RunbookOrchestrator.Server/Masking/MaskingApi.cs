using RunbookOrchestrator.Server.Api.OpenApi;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Masking;
using RunbookOrchestrator.Server.Api;

namespace RunbookOrchestrator.Server.Masking;

/// <summary><c>POST /api/masking/preview</c>: runbook authors see exactly what reviewers, logs and the audit trail will see.</summary>
internal static class MaskingApi
{
    private const long MaxBody = 256 * 1024;

    public static IEndpointRouteBuilder MapMaskingApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/masking/preview", PreviewAsync).RequireAuthorization().WithTags("Masking").WithName("previewMasking")
            .WithSummary("Masked form of a text or JSON body, with the detections (type, span, detector)")
            .AcceptsJson<MaskingPreviewRequest, RouteHandlerBuilder>().Produces<MaskingPreviewResponse>().ProducesProblems(400, 413);
        return app;
    }

    private static async Task<IResult> PreviewAsync(HttpRequest request, IMasker masker, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadObjectAsync(request, MaxBody, cancellationToken);
        if (problem != null) return problem;
        var obj = body!;
        foreach (var (name, _) in obj)
            if (name is not ("text" or "json"))
                return ApiProblems.Invalid("invalid-body", [new ProblemError(JsonPointer.Of(name), $"unknown field '{name}': the body must be {{\"text\": \"...\"}} or {{\"json\": <any JSON>}}, exactly one of them.")]);
        if ((obj["text"] is null) == (obj["json"] is null))
            return ApiProblems.Invalid("invalid-body", [new ProblemError("", "The body must be {\"text\": \"...\"} or {\"json\": <any JSON>}, exactly one of them.")]);

        // One session per request: the same value gets the same tag, so a reader can tell two values apart, never what they are.
        var session = masker.BeginSession();
        if (obj["text"] is JsonValue v && v.TryGetValue<string>(out var text))
        {
            var result = session.MaskText(text);
            return Results.Json(new MaskingPreviewResponse(result.Text, null, result.Detections.Select(Describe).ToList()), ApiJson.Options);
        }
        if (obj["text"] is not null) return ApiProblems.Invalid("invalid-body", [new ProblemError("/text", "'text' must be a string.")]);

        var masked = session.MaskJson(obj["json"]!.DeepClone());
        // Spans in the JSON text would point into a serialisation the caller never sent; JSON detections carry no span.
        var detections = session.MaskText(obj["json"]!.ToJsonString()).Detections.Select(d => new MaskingDetection(d.Type, null, null, d.Detector, d.Mask)).ToList();
        return Results.Json(new MaskingPreviewResponse(null, masked, detections), ApiJson.Options);
    }

    private static MaskingDetection Describe(Detection d) => new(d.Type, d.Start, d.Length, d.Detector, d.Mask);
}
