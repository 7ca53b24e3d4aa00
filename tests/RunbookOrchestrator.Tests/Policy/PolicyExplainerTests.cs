using RunbookOrchestrator.Policy;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Tests.Definitions;

namespace RunbookOrchestrator.Tests.Policy;

public class PolicyExplainerTests
{
    private static readonly Requester Agent = new(RequesterKind.Agent, "ops-bot", "alice");

    private const string ExportRunbook = """
        id: export
        version: 1
        owners: [data-owners]
        inputs:
          rows: { type: int, default: 10 }
          db: { type: string, default: crm }
        steps:
          - id: templated-rows
            uses: sql.query
            with: { connection: crm, query: "SELECT 1", max_rows: "{{ inputs.rows }}" }
          - id: literal-rows
            uses: sql.query
            with: { connection: crm, query: "SELECT 1", max_rows: 5000 }
          - id: templated-db
            uses: sql.query
            with: { connection: "{{ inputs.db }}", query: "SELECT 1" }
        """;

    private const string Policy = """
        version: 1
        rules:
          - id: payments-db
            match: { target: payments }
            effect: { deny: "not the payments database" }
          - id: big-reads
            match: { activity: sql.query }
            when: "action.parameters.max_rows > 100"
            effect: { require_approval: { approvers: [group:data-owners] } }
        """;

    private static StepExplanation Explain(string stepId) =>
        new PolicyExplainer(Policies.Cel, Policies.Activities)
            .Explain(Runbooks.Load(ExportRunbook), Policies.Load(Policy), Agent, [], "production")
            .Steps.Single(s => s.StepId == stepId);

    [Fact]
    public void A_when_that_reads_a_templated_parameter_makes_the_decision_depend_on_runtime_values()
    {
        var step = Explain("templated-rows");

        Assert.True(step.DependsOnRuntimeValues);
        Assert.Equal(("depends_on_runtime_values", "big-reads"), (step.Decision, step.Rule));
        Assert.Equal(["group:data-owners"], step.Gate!.Approvers);
        Assert.Equal("allow", step.Otherwise!.Decision);
    }

    [Fact]
    public void A_when_over_literal_parameters_is_decided_at_explain_time()
    {
        var step = Explain("literal-rows");

        Assert.False(step.DependsOnRuntimeValues);
        Assert.Equal(("require_approval", "big-reads"), (step.Decision, step.Rule));
    }

    [Fact]
    public void A_target_rule_over_a_templated_connection_depends_on_runtime_values()
    {
        var step = Explain("templated-db");

        Assert.Equal(["payments-db"], step.RuntimeRules);
        Assert.Equal("not the payments database", step.Message);
    }

    [Fact]
    public void Explain_reports_the_policy_hash_it_used()
    {
        var explanation = new PolicyExplainer(Policies.Cel, Policies.Activities)
            .Explain(Runbooks.Load(ExportRunbook), Policies.Load(Policy), Agent, [], "production");

        Assert.Equal((Policies.Load(Policy).Hash, "production"), (explanation.PolicyHash, explanation.Environment));
    }
}
