using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c>, and documents the header on it.</summary>
internal sealed class IdempotencyKeyHeader
{
    public static readonly IdempotencyKeyHeader Marker = new();

    public static void Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotencyKeyHeader>().Any()) return;
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "Idempotency-Key",
            In = ParameterLocation.Header,
            Required = false,
            Description = "1 to 200 printable ASCII characters. The same key with the same runbook and inputs returns the first run (202, `Idempotent-Replayed: true`); with different ones, 422.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200 },
        });
    }
}
