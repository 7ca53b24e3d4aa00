using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace RunbookOrchestrator.Server.Api.OpenApi;

/// <summary>How callers authenticate, as the document states it: an agent key as bearer or <c>X-Api-Key</c>, or a person's token.</summary>
internal static class ApiSecurity
{
    public const string AgentKey = "agentKey";
    public const string AgentKeyHeader = "agentKeyHeader";
    public const string PersonalToken = "personalToken";

    public static void Describe(OpenApiDocument document)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [AgentKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "rbo_<id>_<secret>",
                Description = "An agent API key (`keys create`), sent as `Authorization: Bearer rbo_…`.",
            },
            [AgentKeyHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "The same agent API key in the `X-Api-Key` header.",
            },
            [PersonalToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer",
                Description = "A person's token (`users token`, or one from RBO_BOOTSTRAP_USERS), sent as `Authorization: Bearer …`.",
            },
        };
    }

    /// <summary>Every operation that needs a caller says so (any one scheme suffices); anonymous ones (health) say nothing is needed.</summary>
    public static void Apply(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return;
        }
        operation.Security =
        [
            Requirement(context, AgentKey),
            Requirement(context, AgentKeyHeader),
            Requirement(context, PersonalToken),
        ];
    }

    private static OpenApiSecurityRequirement Requirement(OpenApiOperationTransformerContext context, string scheme) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] };
}
