using Microsoft.Extensions.Logging.Abstractions;
using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Tests.Definitions;

namespace RunbookOrchestrator.Tests.Policy;

public class PolicyCatalogTests
{
    private const string Good = "version: 1\nrules:\n  - id: first\n    effect: allow\n";
    private const string Better = "version: 1\nrules:\n  - id: second\n    effect: allow\n";
    private const string Bad = "version: 1\nrules:\n  - id: second\n    effect: alow\n";

    private static PolicyCatalog Open(string path, bool watch, string? environment = null) =>
        new(path, Policies.Loader(), NullLogger<PolicyCatalog>.Instance, environment, watch, TimeSpan.FromMilliseconds(50));

    // Editors and file systems may raise several events per save; wait for the reload that shows the expected state.
    private static async Task WaitUntilAsync(PolicyCatalog catalog, Func<bool> condition)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            EventHandler handler = (_, _) => changed.TrySetResult();
            catalog.Changed += handler;
            try
            {
                if (condition()) return;
                await changed.Task.WaitAsync(cancel.Token);
            }
            finally
            {
                catalog.Changed -= handler;
            }
        }
    }

    [Fact]
    public async Task A_bad_edit_is_refused_with_its_line_and_the_previous_policy_stays_in_force()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("policies.yaml", Good);
        using var catalog = Open(file, watch: true);
        var version = catalog.Version;

        dir.Write("policies.yaml", Bad);
        await WaitUntilAsync(catalog, () => catalog.Errors.Count > 0);

        Assert.Equal("first", Assert.Single(catalog.Current.Rules).Id);
        Assert.Equal(version, catalog.Version);
        Assert.Equal(4, Assert.Single(catalog.Errors).Location.Line);
    }

    [Fact]
    public async Task A_good_edit_is_picked_up_and_clears_the_errors()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("policies.yaml", Good);
        using var catalog = Open(file, watch: true);

        dir.Write("policies.yaml", Bad);
        await WaitUntilAsync(catalog, () => catalog.Errors.Count > 0);
        dir.Write("policies.yaml", Better);
        await WaitUntilAsync(catalog, () => catalog.Current.Rules.Any(r => r.Id == "second"));

        Assert.Empty(catalog.Errors);
        Assert.Equal(PolicyHash.Of(Better), catalog.Version);
    }

    [Fact]
    public void A_missing_file_means_no_rules()
    {
        using var dir = new TempRunbookDirectory();
        using var catalog = Open(Path.Combine(dir.Path, "policies.yaml"), watch: false);

        Assert.Empty(catalog.Current.Rules);
        Assert.Empty(catalog.Errors);
    }

    [Fact]
    public void The_servers_environment_overrides_the_files_default()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("policies.yaml", "version: 1\nenvironment: production\nrules: []\n");

        using var withOverride = Open(file, watch: false, environment: "staging");
        using var withoutOverride = Open(file, watch: false);

        Assert.Equal(("staging", "production"), (withOverride.Environment, withoutOverride.Environment));
    }

    [Fact]
    public void The_current_policy_evaluator_uses_the_reloaded_rules()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("policies.yaml", "version: 1\nrules:\n  - id: freeze\n    effect: { deny: \"frozen\" }\n");
        using var catalog = Open(file, watch: false);
        var evaluator = new CurrentPolicyEvaluator(catalog, Policies.Cel);
        var action = new ActionSpec().Build();
        var before = evaluator.Evaluate(action).RuleId;

        dir.Write("policies.yaml", Better);
        catalog.Reload();

        Assert.Equal(("freeze", "second"), (before, evaluator.Evaluate(action).RuleId));
    }

    [Fact]
    public void A_bound_decision_carries_the_hash_of_the_policy_that_made_it()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("policies.yaml", Good);
        using var catalog = Open(file, watch: false);

        var verdict = new CurrentPolicyEvaluator(catalog, Policies.Cel).EvaluateBound(new ActionSpec().Build());

        Assert.Equal(("first", PolicyHash.Of(Good)), (verdict.Decision.RuleId, verdict.PolicyHash));
    }

    [Fact]
    public void A_policy_file_deleted_after_loading_is_refused_like_a_bad_edit()
    {
        using var dir = new TempRunbookDirectory();
        var file = dir.Write("policies.yaml", Good);
        using var catalog = Open(file, watch: false);

        File.Delete(file);
        catalog.Reload();

        Assert.Equal("first", Assert.Single(catalog.Current.Rules).Id);
        Assert.Equal("unreadable-file", Assert.Single(catalog.Errors).Code);
    }
}
