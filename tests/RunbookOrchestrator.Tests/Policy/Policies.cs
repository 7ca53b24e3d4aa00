using System.Text.Json.Nodes;
using Bogus;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Expressions;
using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Tests.Policy;

/// <summary>Loads policy text and builds actions the way the engine does, with the real activity registry and CEL.</summary>
internal static class Policies
{
    public const string File = "runbooks/policies.yaml";

    private static readonly Lazy<IActivityRegistry> Registry = new(() =>
        new ServiceCollection().AddLogging().AddBuiltInActivities().BuildServiceProvider().GetRequiredService<IActivityRegistry>());

    public static IActivityRegistry Activities => Registry.Value;

    public static readonly CelExpressionEvaluator Cel = new();

    public static PolicyLoader Loader() => new(Cel);

    public static PolicyDocument Load(string yaml)
    {
        var result = Loader().Load(yaml, File);
        Assert.Empty(result.Errors);
        return result.Document!;
    }

    public static RunbookError Error(string yaml, string code)
    {
        var result = Loader().Load(yaml, File);
        Assert.Null(result.Document);
        return Assert.Single(result.Errors, e => e.Code == code);
    }

    public static PolicyDecision Decide(string yaml, ActionContext action) => new PolicyEvaluator(Load(yaml), Cel).Evaluate(action);

    public static string RepositoryFile(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "RunbookOrchestrator.sln")))
                return Path.Combine([dir.FullName, .. parts]);
        throw new DirectoryNotFoundException("repository root (RunbookOrchestrator.sln) not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>One step about to run, described by what policy can match on; names come from Bogus.</summary>
internal sealed record ActionSpec
{
    private static readonly Faker Fake = new();

    public string Uses { get; init; } = "notify";
    public string? Privileged { get; init; }
    public JsonObject With { get; init; } = new() { ["message"] = "hello" };
    public Requester Requester { get; init; } = new(RequesterKind.Agent, Fake.Internet.UserName().ToLowerInvariant() + "-bot", Fake.Name.FirstName().ToLowerInvariant());
    public IReadOnlyList<string> Groups { get; init; } = [];
    public string Environment { get; init; } = "staging";
    public string RunbookId { get; init; } = Slug(Fake.Hacker.Verb() + "-" + Fake.Hacker.Noun());
    public string StepId { get; init; } = "step-" + Fake.Random.AlphaNumeric(6).ToLowerInvariant();
    public IReadOnlyList<string> Owners { get; init; } = [Slug(Fake.Hacker.Noun()) + "-team"];

    /// <summary>Lower-case letters, digits and hyphens only, as ids and group names are written.</summary>
    public static string Slug(string text) => System.Text.RegularExpressions.Regex.Replace(text.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-');
    public IReadOnlyList<DataClassification> Classifications { get; init; } = [DataClassification.Internal];

    public ActionContext Build()
    {
        var step = new StepDefinition(StepId, Uses, With, null, new Dictionary<string, string>(), Privileged, null, null, null);
        var inputs = Classifications.Select((c, i) => new InputDefinition("input" + i, "string", false, null, c, null, null)).ToList();
        var runbook = new RunbookDefinition(RunbookId, 1, null, null, Owners, inputs, [step], null);
        return ActionContextFactory.Create(runbook, step, With, Requester, Groups, Environment, Policies.Activities);
    }

    public static JsonObject Sql(string connection, long maxRows = 10) => new()
    {
        ["connection"] = connection,
        ["query"] = "SELECT 1",
        ["max_rows"] = maxRows,
    };

    public static JsonObject Http(string url) => new() { ["url"] = url, ["method"] = "GET" };

    public static JsonObject Shell(params string[] argv) => new() { ["command"] = new JsonArray(argv.Select(a => (JsonNode?)a).ToArray()) };
}
