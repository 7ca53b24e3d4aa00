using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Tests.Policy;

public class PolicyEvaluatorTests
{
    private static readonly Faker Fake = new();

    private static string Rules(params string[] rules) => "version: 1\nrules:\n" + string.Join("\n", rules) + "\n";

    private static string AllowWhen(string id, string match) => $"  - id: {id}\n    match: {match}\n    effect: allow";

    private static string? RuleOf(string yaml, ActionSpec action) => Policies.Decide(yaml, action.Build()).RuleId;

    [Fact]
    public void The_first_matching_rule_wins()
    {
        var yaml = Rules(
            "  - id: first\n    match: { activity: notify }\n    effect: { deny: \"no\" }",
            AllowWhen("second", "{ activity: notify }"));

        var decision = Policies.Decide(yaml, new ActionSpec().Build());

        Assert.Equal(new PolicyDecision.Deny("first", "no"), decision);
    }

    [Fact]
    public void A_rule_that_does_not_match_lets_the_next_rule_decide()
    {
        var yaml = Rules(AllowWhen("sql-only", "{ activity: sql.query }"), AllowWhen("notify-too", "{ activity: notify }"));

        Assert.Equal("notify-too", RuleOf(yaml, new ActionSpec()));
    }

    [Fact]
    public void Activity_patterns_match_with_a_star()
    {
        var yaml = Rules(AllowWhen("http-anything", "{ activity: \"http.*\" }"));

        Assert.Equal("http-anything", RuleOf(yaml, new ActionSpec { Uses = "http.request", With = ActionSpec.Http("https://status.example.com/ping") }));
    }

    [Fact]
    public void A_list_in_a_match_field_means_any_of()
    {
        var yaml = Rules(AllowWhen("quiet-steps", "{ activity: [set, notify] }"));

        Assert.Equal("quiet-steps", RuleOf(yaml, new ActionSpec { Uses = "set", With = new JsonObject { ["values"] = new JsonObject() } }));
    }

    [Fact]
    public void Privileged_tag_matches_the_steps_own_tag()
    {
        var yaml = Rules("  - id: exports\n    match: { privileged: data-export }\n    effect: { deny: \"exports are off\" }");

        var decision = Policies.Decide(yaml, new ActionSpec { Uses = "sql.query", With = ActionSpec.Sql("crm"), Privileged = "data-export" }.Build());

        Assert.Equal("exports", decision.RuleId);
    }

    [Fact]
    public void Privileged_none_matches_only_untagged_steps()
    {
        var yaml = Rules(AllowWhen("routine", "{ privileged: none }"));

        Assert.Equal("routine", RuleOf(yaml, new ActionSpec()));
        Assert.Equal(PolicyEvaluator.DefaultRuleId, RuleOf(yaml, new ActionSpec { Privileged = "iam" }));
    }

    [Fact]
    public void Privileged_any_matches_every_tagged_step_and_no_untagged_one()
    {
        var yaml = Rules("  - id: tagged\n    match: { privileged: any }\n    effect: { deny: \"frozen\" }");

        Assert.Equal("tagged", RuleOf(yaml, new ActionSpec { Privileged = Fake.PickRandom("iam", "secrets", "infra", "data-export") }));
        Assert.Null(RuleOf(yaml, new ActionSpec()));
    }

    [Fact]
    public void Shell_counts_as_infra_by_default()
    {
        var yaml = Rules("  - id: infra\n    match: { privileged: infra }\n    effect: { deny: \"infra freeze\" }");

        var action = new ActionSpec { Uses = "shell", With = ActionSpec.Shell("/usr/bin/uptime") }.Build();

        Assert.Equal("infra", action.Privileged);
        Assert.Equal("infra", Policies.Decide(yaml, action).RuleId);
    }

    [Fact]
    public void Target_matches_the_sql_connection_name()
    {
        var yaml = Rules(AllowWhen("crm-reads", "{ target: \"crm*\" }"));

        Assert.Equal("crm-reads", RuleOf(yaml, new ActionSpec { Uses = "sql.query", With = ActionSpec.Sql("crm-replica") }));
        Assert.Null(RuleOf(yaml, new ActionSpec { Uses = "sql.query", With = ActionSpec.Sql("billing") }));
    }

    [Fact]
    public void Target_matches_the_http_host()
    {
        var yaml = Rules("  - id: no-internal\n    match: { target: \"*.internal\" }\n    effect: { deny: \"internal hosts are off limits\" }");

        Assert.Equal("no-internal", RuleOf(yaml, new ActionSpec { Uses = "http.request", With = ActionSpec.Http("https://vault.internal:8200/v1/sys") }));
    }

    [Fact]
    public void Environment_matches_the_servers_environment()
    {
        var yaml = Rules("  - id: prod-freeze\n    match: { environment: production }\n    effect: { deny: \"freeze\" }");

        Assert.Equal("prod-freeze", RuleOf(yaml, new ActionSpec { Environment = "production" }));
        Assert.Null(RuleOf(yaml, new ActionSpec { Environment = "staging" }));
    }

    [Fact]
    public void The_policy_files_environment_applies_when_the_server_sets_none()
    {
        var yaml = "version: 1\nenvironment: production\nrules:\n  - id: prod-freeze\n    match: { environment: production }\n    effect: { deny: \"freeze\" }\n";

        Assert.Equal("prod-freeze", RuleOf(yaml, new ActionSpec { Environment = "" }));
    }

    [Fact]
    public void Classification_matches_when_any_input_of_the_run_has_it()
    {
        var yaml = Rules("  - id: pii\n    match: { classification: pii }\n    effect: { deny: \"pii\" }");

        Assert.Equal("pii", RuleOf(yaml, new ActionSpec { Classifications = [DataClassification.Public, DataClassification.Pii] }));
        Assert.Null(RuleOf(yaml, new ActionSpec { Classifications = [DataClassification.Public] }));
    }

    [Fact]
    public void Requester_kind_separates_agents_from_humans()
    {
        var yaml = Rules("  - id: agents\n    match: { requester: { kind: agent } }\n    effect: { deny: \"agents\" }");
        var human = new Requester(RequesterKind.Human, Fake.Internet.Email());

        Assert.Equal("agents", RuleOf(yaml, new ActionSpec()));
        Assert.Null(RuleOf(yaml, new ActionSpec { Requester = human }));
    }

    [Fact]
    public void Requester_name_matches_a_pattern()
    {
        var yaml = Rules(AllowWhen("reporters", "{ requester: { name: \"report-*\" } }"));
        var reporter = new Requester(RequesterKind.Agent, "report-" + Fake.Random.AlphaNumeric(5));

        Assert.Equal("reporters", RuleOf(yaml, new ActionSpec { Requester = reporter }));
    }

    [Fact]
    public void Requester_group_matches_any_of_the_requesters_groups()
    {
        var yaml = Rules("  - id: sre\n    match: { requester: { group: sre } }\n    effect: { deny: \"sre\" }");

        Assert.Equal("sre", RuleOf(yaml, new ActionSpec { Groups = [ActionSpec.Slug(Fake.Hacker.Noun()), "sre"] }));
        Assert.Null(RuleOf(yaml, new ActionSpec { Groups = [] }));
    }

    [Fact]
    public void Runbook_and_step_ids_can_be_matched()
    {
        var action = new ActionSpec();
        var yaml = Rules(AllowWhen("this-one", $"{{ runbook: {action.RunbookId}, step: {action.StepId} }}"));

        Assert.Equal("this-one", RuleOf(yaml, action));
    }

    [Fact]
    public void When_is_evaluated_on_the_rendered_parameters()
    {
        var yaml = Rules("  - id: big-exports\n    match: { activity: sql.query }\n    when: \"action.parameters.max_rows > 100\"\n    effect: { deny: \"too many rows\" }");

        Assert.Equal("big-exports", RuleOf(yaml, new ActionSpec { Uses = "sql.query", With = ActionSpec.Sql("crm", 5000) }));
        Assert.Null(RuleOf(yaml, new ActionSpec { Uses = "sql.query", With = ActionSpec.Sql("crm", 10) }));
    }

    [Fact]
    public void A_template_that_renders_a_privileged_value_is_caught_on_the_rendered_parameters()
    {
        // Declared as "{{ inputs.db }}"; the engine hands policy what it rendered to.
        var yaml = Rules("  - id: payments-db\n    match: { target: payments }\n    effect: { deny: \"not the payments database\" }");
        var rendered = ActionSpec.Sql("payments");

        var decision = Policies.Decide(yaml, new ActionSpec { Uses = "sql.query", With = rendered }.Build());

        Assert.Equal(new PolicyDecision.Deny("payments-db", "not the payments database"), decision);
    }

    [Fact]
    public void When_can_read_the_requester_and_the_environment()
    {
        var yaml = Rules("  - id: night-bots\n    when: \"requester.kind == 'agent' && environment == 'production'\"\n    effect: { deny: \"no\" }");

        Assert.Equal("night-bots", RuleOf(yaml, new ActionSpec { Environment = "production" }));
    }

    [Fact]
    public void A_deny_carries_its_message()
    {
        var message = Fake.Lorem.Sentence();
        var yaml = Rules($"  - id: nope\n    effect: {{ deny: \"{message}\" }}");

        var deny = Assert.IsType<PolicyDecision.Deny>(Policies.Decide(yaml, new ActionSpec().Build()));

        Assert.Equal(message, deny.Message);
    }

    [Fact]
    public void A_require_approval_rule_returns_its_gate()
    {
        var yaml = Rules("  - id: sre\n    match: { privileged: infra }\n    effect:\n      require_approval: { approvers: [group:sre, alice], quorum: 2, timeout: 1h, window: 10m }");

        var decision = Assert.IsType<PolicyDecision.RequireApproval>(Policies.Decide(yaml, new ActionSpec { Privileged = "infra" }.Build()));

        Assert.Equal(("sre", 2, TimeSpan.FromHours(1), TimeSpan.FromMinutes(10)), (decision.RuleId, decision.Gate.Quorum, decision.Gate.Timeout, decision.Gate.Window));
        Assert.Equal(["group:sre", "alice"], decision.Gate.Approvers);
    }

    [Fact]
    public void A_privileged_step_no_rule_covers_needs_its_runbook_owners()
    {
        var team = ActionSpec.Slug(Fake.Hacker.Noun());
        var action = new ActionSpec { Privileged = "secrets", Owners = [team, "user:alice", "group:security"] }.Build();

        var decision = Assert.IsType<PolicyDecision.RequireApproval>(Policies.Decide(Rules(AllowWhen("unrelated", "{ activity: sql.query }")), action));

        Assert.Equal(PolicyEvaluator.DefaultRuleId, decision.RuleId);
        Assert.Equal(["group:" + team, "alice", "group:security"], decision.Gate.Approvers);
        Assert.Equal(1, decision.Gate.Quorum);
    }

    [Fact]
    public void An_unprivileged_step_no_rule_covers_is_allowed_without_a_rule()
    {
        Assert.Equal(new PolicyDecision.Allow(null), Policies.Decide("version: 1\nrules: []\n", new ActionSpec().Build()));
    }

    [Fact]
    public void A_privileged_step_of_a_runbook_without_owners_is_denied_because_nobody_could_approve_it()
    {
        var decision = Policies.Decide("version: 1\n", new ActionSpec { Privileged = "iam", Owners = [] }.Build());

        Assert.Equal(PolicyEvaluator.DefaultRuleId, Assert.IsType<PolicyDecision.Deny>(decision).RuleId);
    }

    [Fact]
    public void A_require_approval_without_approvers_asks_the_runbook_owners()
    {
        var yaml = Rules("  - id: ask-owners\n    effect:\n      require_approval: { quorum: 1, timeout: 30m }");
        var action = new ActionSpec { Owners = ["payments-team"] }.Build();

        var decision = Assert.IsType<PolicyDecision.RequireApproval>(Policies.Decide(yaml, action));

        Assert.Equal(["group:payments-team"], decision.Gate.Approvers);
        Assert.Equal(TimeSpan.FromMinutes(30), decision.Gate.Timeout);
    }

    [Fact]
    public void A_when_that_fails_to_evaluate_asks_the_owners_under_an_error_rule_id()
    {
        var yaml = Rules("  - id: rows\n    when: \"action.parameters.max_rows > 100\"\n    effect: allow");

        var decision = Assert.IsType<PolicyDecision.RequireApproval>(Policies.Decide(yaml, new ActionSpec().Build()));

        Assert.Equal("rows:error", decision.RuleId);
        Assert.Contains("could not be evaluated", decision.Gate.ContextTemplate);
    }

    [Fact]
    public void A_deny_rule_whose_when_fails_to_evaluate_still_denies()
    {
        var yaml = Rules("  - id: rows\n    when: \"action.parameters.max_rows > 100\"\n    effect: { deny: \"too many rows\" }");

        var decision = Assert.IsType<PolicyDecision.Deny>(Policies.Decide(yaml, new ActionSpec().Build()));

        Assert.Equal("rows:error", decision.RuleId);
        Assert.StartsWith("too many rows", decision.Message);
    }
}
