using RunbookOrchestrator.Server.Api.OpenApi;
using System.Security.Claims;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Identity;

namespace RunbookOrchestrator.Server.Policy;

/// <summary>Read-only view of the policy: its rules and load errors, and what it would do with a runbook's steps.</summary>
public static class PolicyApi
{
    public static IEndpointRouteBuilder MapPolicyApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/policy").RequireAuthorization().WithTags("Policy");
        group.MapGet("/", (PolicyCatalog catalog) => Results.Json(PolicySummary.From(catalog), ApiJson.Options))
            .WithName("getPolicy").WithSummary("The rules in force and why the file on disk is refused, if it is")
            .Produces<PolicySummary>().ProducesProblems();
        group.MapGet("/explain", (string? runbook, ClaimsPrincipal caller, IRunbookCatalog runbooks, PolicyCatalog catalog, PolicyExplainer explainer) =>
        {
            if (string.IsNullOrWhiteSpace(runbook))
                return ApiProblems.BadRequest("missing-runbook", "Name the runbook to explain: /api/policy/explain?runbook=<id>.");
            if (runbooks.Find(runbook) is not { } definition || !caller.MayTrigger(definition.Id))
                return ApiProblems.NotFound("Runbook", runbook);
            var explanation = explainer.Explain(definition, catalog.Current, caller.ToRequester(), RequesterGroups.Of(caller), catalog.Environment);
            return Results.Json(explanation, ApiJson.Options);
        }).WithName("explainPolicy").WithSummary("Which steps of a runbook would pause or be refused, and by which rule")
            .Produces<RunbookOrchestrator.Policy.RunbookExplanation>().ProducesProblems(400, 404);
        return app;
    }
}
