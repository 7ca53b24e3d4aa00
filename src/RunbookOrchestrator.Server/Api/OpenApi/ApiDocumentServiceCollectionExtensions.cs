using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c>: true to what the API does (security, bodies, problems), complete
/// enough that <c>openapi-typescript</c> generates the designer's client from it.</summary>
internal static class ApiDocumentServiceCollectionExtensions
{
    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "RunbookOrchestrator API",
                    Version = "v1",
                    Description = "Agents trigger runbooks; privileged steps pause for a human decision. Errors are RFC 9457 problems with `code`, `trace_id` and, for invalid input, `errors` [{path, message}]. See docs/api.md.",
                };
                ApiSecurity.Describe(document);
                NullableMembers.AreOptional(document);
                // JsonObject (inputs, outputs, payloads): any member, any value; plain "type: object" reads as "no members" to generators.
                if (document.Components?.Schemas is { } all && all.TryGetValue("JsonObject", out var jsonObject) && jsonObject is OpenApiSchema anyObject) anyObject.AdditionalProperties = new OpenApiSchema();
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                ApiSecurity.Apply(operation, context);
                IdempotencyKeyHeader.Apply(operation, context);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(ProblemDetails) || context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
                    ApiProblemSchema.Complete(schema);
                return Task.CompletedTask;
            });
        });
}
