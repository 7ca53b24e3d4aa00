using Microsoft.OpenApi;

namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>Null members are left out of every response (ApiJson: WhenWritingNull) and may be left out of requests, so a
/// member that may be null is not required: the generator marks every record member required, which the responses contradicted.
/// Also, an object schema with no members listed (JsonObject: inputs, outputs, payloads) takes any member.</summary>
internal static class NullableMembers
{
    public static void AreOptional(OpenApiDocument document)
    {
        foreach (var schema in document.Components?.Schemas?.Values ?? []) Relax(schema, 0);
    }

    /// <summary>Applies both rules to <paramref name="schema"/> and the schemas written inside it.</summary>
    public static void Relax(IOpenApiSchema? schema, int depth)
    {
        if (schema is not OpenApiSchema s || depth > 32) return;
        if (s.Type == JsonSchemaType.Object && s.Properties is not { Count: > 0 } && s.AdditionalProperties is null)
            s.AdditionalProperties = new OpenApiSchema();
        if (s.Properties is { } properties)
        {
            foreach (var (name, property) in properties)
            {
                if (s.Required is { } required && MayBeNull(property)) required.Remove(name);
                Relax(property, depth + 1);
            }
        }
        foreach (var branch in (s.OneOf ?? []).Concat(s.AnyOf ?? [])) Relax(branch, depth + 1);
        Relax(s.Items, depth + 1);
    }

    private static bool MayBeNull(IOpenApiSchema schema) =>
        (schema.Type is { } type && type.HasFlag(JsonSchemaType.Null))
        || (schema.OneOf is { } oneOf && oneOf.Any(MayBeNull))
        || (schema.AnyOf is { } anyOf && anyOf.Any(MayBeNull));
}
