using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Tests.Policy;

/// <summary>The shipped <c>runbooks/policies.yaml</c> against the shipped demo runbooks.</summary>
public class DemoPolicyTests
{
    private static PolicyDocument DemoPolicy()
    {
        var result = Policies.Loader().LoadFile(Policies.RepositoryFile("runbooks", "policies.yaml"));
        Assert.Empty(result.Errors);
        return result.Document!;
    }

    private static RunbookDefinition DemoRunbook(string id)
    {
        var result = RunbookLoader.LoadFile(Policies.RepositoryFile("runbooks", id + ".yaml"));
        Assert.Empty(result.Errors);
        return result.Definition!;
    }

    [Fact]
    public void The_demo_policy_loads_without_errors()
    {
        var result = Policies.Loader().LoadFile(Policies.RepositoryFile("runbooks", "policies.yaml"));

        Assert.Empty(result.Errors);
        Assert.Equal("production", result.Document!.Environment);
    }

    [Theory]
    [InlineData("health-check", "probe", "allow", "health-checks-run-freely")]
    [InlineData("health-check", "report-healthy", "allow", "health-checks-run-freely")]
    [InlineData("export-customer-data", "export", "require_approval", "data-exports-need-data-owners")]
    [InlineData("export-customer-data", "notify-owners", "allow", null)]
    [InlineData("scale-service", "current", "allow", null)]
    [InlineData("scale-service", "scale", "require_approval", "infra-changes-need-sre")]
    [InlineData("scale-service", "report", "allow", null)]
    [InlineData("rotate-credentials", "rotate", "require_approval", "secret-rotation-needs-two-from-security")]
    [InlineData("rotate-credentials", "report", "allow", null)]
    [InlineData("grant-temporary-access", "check-ttl", "allow", null)]
    [InlineData("grant-temporary-access", "grant", "require_approval", "access-grants-need-security")]
    [InlineData("grant-temporary-access", "ttl-out-of-range", "allow", null)]
    public void Each_demo_step_gets_the_expected_decision(string runbook, string step, string decision, string? rule)
    {
        var explanation = new PolicyExplainer(Policies.Cel, Policies.Activities)
            .Explain(DemoRunbook(runbook), DemoPolicy(), new Requester(RequesterKind.Agent, "ops-bot", "alice"), [], "");

        var explained = explanation.Steps.Single(s => s.StepId == step);
        Assert.Equal((decision, rule, false), (explained.Decision, explained.Rule, explained.DependsOnRuntimeValues));
    }

    [Fact]
    public void The_data_export_gate_asks_data_owners_and_escalates_to_security_after_half_an_hour()
    {
        var runbook = DemoRunbook("export-customer-data");
        var action = ActionContextFactory.Create(runbook, runbook.Steps[0], runbook.Steps[0].With, new Requester(RequesterKind.Agent, "ops-bot"), [], "", Policies.Activities);

        var gate = Assert.IsType<PolicyDecision.RequireApproval>(new PolicyEvaluator(DemoPolicy(), Policies.Cel).Evaluate(action)).Gate;

        Assert.Equal((1, TimeSpan.FromHours(1), TimeSpan.FromMinutes(15), "timed_out"), (gate.Quorum, gate.Timeout, gate.Window, gate.OnTimeout));
        Assert.Equal(["group:data-owners"], gate.Approvers);
        var escalation = Assert.Single(gate.Escalations);
        Assert.Equal((TimeSpan.FromMinutes(30), "group:security-team"), (escalation.After, Assert.Single(escalation.AddApprovers)));
    }

    [Fact]
    public void Secret_rotation_needs_two_approvers_from_security()
    {
        var runbook = DemoRunbook("rotate-credentials");
        var step = runbook.FindStep("rotate")!;
        var action = ActionContextFactory.Create(runbook, step, step.With, Requester.System, [], "", Policies.Activities);

        var gate = Assert.IsType<PolicyDecision.RequireApproval>(new PolicyEvaluator(DemoPolicy(), Policies.Cel).Evaluate(action)).Gate;

        Assert.Equal(["group:security-team"], gate.Approvers);
        Assert.Equal(2, gate.Quorum);
    }

    [Fact]
    public void Agents_are_denied_shell_in_production()
    {
        var action = new ActionSpec { Uses = "shell", With = ActionSpec.Shell("/usr/bin/systemctl", "restart", "nginx"), Environment = "production" }.Build();

        var deny = Assert.IsType<PolicyDecision.Deny>(new PolicyEvaluator(DemoPolicy(), Policies.Cel).Evaluate(action));

        Assert.Equal(("no-prod-shell-for-agents", "Agents may not run shell commands in production"), (deny.RuleId, deny.Message));
    }

    [Fact]
    public void Humans_running_shell_in_production_need_sre_approval_because_shell_is_infra()
    {
        var action = new ActionSpec
        {
            Uses = "shell", With = ActionSpec.Shell("/usr/bin/uptime"), Environment = "production",
            Requester = new Requester(RequesterKind.Human, "alice@example.com"),
        }.Build();

        Assert.Equal("infra-changes-need-sre", new PolicyEvaluator(DemoPolicy(), Policies.Cel).Evaluate(action).RuleId);
    }
}
