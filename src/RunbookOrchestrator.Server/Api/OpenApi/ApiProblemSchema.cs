using Microsoft.OpenApi;

namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>The problem schema as the API writes it (ApiProblemShape): RFC 9457 members plus <c>code</c>, <c>trace_id</c> and <c>errors</c>.</summary>
internal static class ApiProblemSchema
{
    public static void Complete(OpenApiSchema schema)
    {
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Stable machine-readable kind of problem (also the last part of `type`)." };
        schema.Properties["trace_id"] = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9a-f]{32}$", Description = "W3C trace id of the request, to quote to an operator." };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "For invalid input: each problem with a JSON Pointer to where it is (`/inputs/rows`, `?cursor` for a query parameter).",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "path", "message" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["path"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
        };
        schema.Properties["parameter"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "invalid-query: the query parameter at fault." };
        schema.Properties["line"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Malformed JSON body: line where reading stopped (from 1)." };
        schema.Properties["position"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "Malformed JSON body: byte offset in that line where reading stopped." };
        schema.Properties["limit"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "payload-too-large: the endpoint's body limit in bytes." };
        schema.Properties["missing_group"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "forbidden: the group the caller would need." };
        schema.Properties["issues"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "invalid-runbook: each problem of the runbook text with its line, column, step and code.",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "line", "column", "code", "message" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["line"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["column"] = new OpenApiSchema { Type = JsonSchemaType.Integer },
                    ["step"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                    ["code"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            },
        };
        foreach (var (name, description) in new[]
                 {
                     ("current_yaml", "runbook-changed: the text the runbook has now, to compare with yours."),
                     ("current_hash", "runbook-changed: its text_hash, the base_hash to save on top of it."),
                     ("current_saved_by", "runbook-changed: who saved it in the designer (null for a change of the file)."),
                     ("current_origin", "runbook-changed: designer or file."),
                 })
            schema.Properties[name] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = description };
        schema.Required = new HashSet<string> { "type", "title", "status", "code", "trace_id" };
    }
}
