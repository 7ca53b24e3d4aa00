using System.Security.Claims;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Policy;

namespace RunbookOrchestrator.Server.Runbooks;

/// <summary>What the server makes of a runbook text that is not published yet: the same checks as the <c>validate</c> command
/// (syntax, activities, templates, conditions, references) and what policy would do with its steps for this caller.</summary>
public sealed class RunbookDraftCheck(RunbookValidator validator, PolicyCatalog policy, PolicyExplainer explainer)
{
    /// <summary>Checks <paramref name="text"/> as if it were the file <paramref name="file"/> (locations and hashes name it).</summary>
    public DraftCheckResult Check(string text, string file, ClaimsPrincipal caller)
    {
        var parsed = RunbookLoader.Load(text, file, RunbookFormat.Yaml);
        var errors = validator.Validate(parsed);
        RunbookExplanation? explanation = null;
        if (parsed.Definition is { Id.Length: > 0 } definition)
        {
            try
            {
                explanation = explainer.Explain(definition, policy.Current, caller.ToRequester(), RequesterGroups.Of(caller), policy.Environment);
            }
            catch (Exception ex) when (errors.Count > 0 && ex is not OperationCanceledException)
            {
                // A definition with errors may not be explainable (a step without an activity); the errors say why.
            }
        }
        return new DraftCheckResult(parsed.Definition, errors, explanation);
    }
}

/// <summary>A draft's definition (null when it could not be read at all), its errors in file order, and the policy preview.</summary>
public sealed record DraftCheckResult(RunbookDefinition? Definition, IReadOnlyList<RunbookError> Errors, RunbookExplanation? Explanation);
