using Microsoft.OpenApi;

namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>Null members are left out of every response (ApiJson: WhenWritingNull) and may be left out of requests, so a
/// member that may be null is not required: the generator marks every record member required, which the responses contradicted.</summary>
internal static class NullableMembers
{
    public static void AreOptional(OpenApiDocument document)
    {
        if (document.Components?.Schemas is not { } schemas) return;
        foreach (var schema in schemas.Values.OfType<OpenApiSchema>())
        {
            if (schema.Required is not { Count: > 0 } required || schema.Properties is not { } properties) continue;
            foreach (var (name, property) in properties)
                if (MayBeNull(property)) required.Remove(name);
        }
    }

    private static bool MayBeNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf is { } oneOf && oneOf.Any(MayBeNull))
        || (schema.AnyOf is { } anyOf && anyOf.Any(MayBeNull));
}
