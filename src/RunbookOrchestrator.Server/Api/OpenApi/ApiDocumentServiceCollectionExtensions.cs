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
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(async (operation, context, cancellationToken) =>
            {
                ApiSecurity.Apply(operation, context);
                IdempotencyKeyHeader.Apply(operation, context);
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedRequestBody>().FirstOrDefault() is { } body)
                {
                    var schema = await context.GetOrCreateSchemaAsync(body.Type, null, cancellationToken);
                    NullableMembers.Relax(schema, 0);
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/json"] = new() { Schema = schema },
                        },
                    };
                }
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(ProblemDetails) || context.JsonTypeInfo.Type == typeof(HttpValidationProblemDetails))
                    ApiProblemSchema.Complete(schema);
                return Task.CompletedTask;
            });
        });
}
