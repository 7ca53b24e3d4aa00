using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Tests.Definitions;

/// <summary>Loads and validates runbook text the way the catalog and the CLI do.</summary>
internal static class Runbooks
{
    public const string File = "runbooks/test.yaml";

    public static RunbookValidator Validator() => new(BriefActivityDescriptors.All, new CelExpressionEvaluator(), new ScribanTemplateRenderer());

    public static IReadOnlyList<RunbookError> Errors(string text, RunbookFormat format = RunbookFormat.Yaml) =>
        Validator().Validate(RunbookLoader.Load(text, File, format));

    public static RunbookError Single(string text, string code)
    {
        var errors = Errors(text);
        return Assert.Single(errors, e => e.Code == code);
    }

    public static RunbookDefinition Load(string text, RunbookFormat format = RunbookFormat.Yaml)
    {
        var result = RunbookLoader.Load(text, File, format);
        Assert.Empty(result.Errors);
        return result.Definition!;
    }
}
