using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Policy;

namespace RunbookOrchestrator.Tests.Policy;

public class PolicyLoaderTests
{
    private static string Gate(string fields) => $"""
        version: 1
        rules:
          - id: gated
            effect:
              require_approval: {fields}
        """;

    [Fact]
    public void Malformed_yaml_is_refused_as_a_syntax_error_of_the_file()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    match: { activity: [shell\n", RunbookErrorCodes.Syntax);

        Assert.StartsWith($"{Policies.File}:", error.ToString());
        Assert.StartsWith("invalid YAML", error.Message);
    }

    [Fact]
    public void A_duplicate_yaml_key_is_a_syntax_error_on_its_line()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    effect: allow\n    effect: { deny: \"no\" }\n", RunbookErrorCodes.Syntax);

        Assert.Equal(5, error.Location.Line);
    }

    [Fact]
    public void An_unknown_field_is_reported_at_its_line_with_a_suggestion()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    match: { activty: shell }\n    effect: allow\n", RunbookErrorCodes.UnknownField);

        Assert.Equal((4, 14), (error.Location.Line, error.Location.Column));
        Assert.Contains("did you mean 'activity'?", error.Message);
    }

    [Fact]
    public void An_unknown_effect_is_reported_at_its_line()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    effect: alow\n", PolicyErrorCodes.UnknownEffect);

        Assert.Equal(4, error.Location.Line);
        Assert.Contains("did you mean 'allow'?", error.Message);
    }

    [Fact]
    public void A_bad_duration_is_reported_at_its_line()
    {
        var error = Policies.Error(Gate("{ approvers: [group:sre], timeout: 1 hour }"), RunbookErrorCodes.InvalidDuration);

        Assert.Equal(5, error.Location.Line);
        Assert.Contains("'1 hour'", error.Message);
    }

    [Fact]
    public void A_quorum_below_one_is_refused_at_its_line()
    {
        var error = Policies.Error(Gate("{ approvers: [group:sre], quorum: 0 }"), PolicyErrorCodes.InvalidQuorum);

        Assert.Equal(5, error.Location.Line);
    }

    [Fact]
    public void A_quorum_larger_than_the_named_users_is_refused()
    {
        var error = Policies.Error(Gate("{ approvers: [alice, bob], quorum: 3 }"), PolicyErrorCodes.InvalidQuorum);

        Assert.Contains("quorum 3", error.Message);
    }

    [Fact]
    public void An_empty_approver_list_is_refused_at_its_line()
    {
        var error = Policies.Error(Gate("{ approvers: [] }"), PolicyErrorCodes.EmptyApprovers);

        Assert.Equal(5, error.Location.Line);
    }

    [Fact]
    public void A_cel_syntax_error_in_when_points_at_the_column_of_the_mistake()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    when: \"action.parameters.max_rows > > 1\"\n    effect: allow\n", RunbookErrorCodes.ExpressionSyntax);

        Assert.Equal(4, error.Location.Line);
        // The string starts at column 12; the stray '>' is its 30th character.
        Assert.Equal(12 + 29, error.Location.Column);
    }

    [Fact]
    public void A_duplicate_rule_id_is_reported_at_the_second_use()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    effect: allow\n  - id: a\n    effect: allow\n", PolicyErrorCodes.DuplicateRuleId);

        Assert.Equal(5, error.Location.Line);
        Assert.Contains("line 3", error.Message);
    }

    [Fact]
    public void Approval_by_timeout_is_refused_without_an_explicit_allow_auto_approve()
    {
        var error = Policies.Error(Gate("{ approvers: [group:sre], timeout: 1h, on_timeout: approved }"), PolicyErrorCodes.AutoApproveNotAllowed);

        Assert.Equal(5, error.Location.Line);
    }

    [Fact]
    public void Approval_by_timeout_is_accepted_next_to_allow_auto_approve()
    {
        var document = Policies.Load(Gate("{ approvers: [group:sre], timeout: 1h, on_timeout: approved, allow_auto_approve: true }"));

        var gate = Assert.IsType<RuleEffect.RequireApproval>(Assert.Single(document.Rules).Effect).Gate;
        Assert.Equal("approved", gate.OnTimeout);
    }

    [Fact]
    public void A_deny_without_a_message_is_refused()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    effect: deny\n", RunbookErrorCodes.MissingField);

        Assert.Equal(4, error.Location.Line);
    }

    [Fact]
    public void A_rule_id_with_a_colon_is_refused_because_generated_ids_use_it()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: \"default:mine\"\n    effect: allow\n", RunbookErrorCodes.InvalidId);

        Assert.Equal(3, error.Location.Line);
    }

    [Fact]
    public void An_unknown_requester_kind_is_refused()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    match: { requester: { kind: robot } }\n    effect: allow\n", PolicyErrorCodes.InvalidMatch);

        Assert.Contains("'robot'", error.Message);
    }

    [Fact]
    public void A_file_with_any_error_yields_no_document_at_all()
    {
        var result = Policies.Loader().Load("version: 1\nrules:\n  - id: good\n    effect: allow\n  - id: bad\n    effect: maybe\n", Policies.File);

        Assert.Null(result.Document);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Gate_fields_are_read_with_their_defaults_for_the_rest()
    {
        var document = Policies.Load(Gate("{ approvers: [group:data-owners], escalate: [{ after: 30m, add: [group:security-team] }], require_reason: always, allow_reveal: false }"));

        var gate = Assert.IsType<RuleEffect.RequireApproval>(Assert.Single(document.Rules).Effect).Gate;
        var stage = Assert.Single(gate.Escalations);
        Assert.Equal((TimeSpan.FromMinutes(30), true), (stage.After, stage.Remind));
        Assert.Equal(["group:security-team"], stage.AddApprovers);
        Assert.Equal((1, TimeSpan.FromHours(24), "timed_out", TimeSpan.FromMinutes(15)), (gate.Quorum, gate.Timeout, gate.OnTimeout, gate.Window));
        Assert.Equal((ReasonRequirement.Always, false), (gate.RequireReason, gate.AllowReveal));
    }

    [Fact]
    public void The_document_hash_changes_with_the_text()
    {
        var a = Policies.Load("version: 1\nrules: []\n");
        var b = Policies.Load("version: 1\nrules: []\n# edited\n");

        Assert.NotEqual(a.Hash, b.Hash);
        Assert.StartsWith("sha256:", a.Hash);
    }

    [Fact]
    public void A_when_that_reads_an_unknown_variable_is_refused_with_a_suggestion()
    {
        var error = Policies.Error("version: 1\nrules:\n  - id: a\n    when: \"requester.group == 'sre'\"\n    effect: allow\n", RunbookErrorCodes.UnknownVariable);

        Assert.Equal(4, error.Location.Line);
        Assert.Contains("did you mean 'groups'?", error.Message);
    }

    [Fact]
    public void A_when_may_use_macro_variables_over_the_scope()
    {
        var document = Policies.Load("version: 1\nrules:\n  - id: a\n    when: \"requester.groups.exists(g, g == 'sre') && has(action.parameters.max_rows)\"\n    effect: allow\n");

        Assert.Single(document.Rules);
    }

    [Fact]
    public void An_escalation_after_the_timeout_is_refused()
    {
        var error = Policies.Error(Gate("{ approvers: [group:sre], timeout: 30m, escalate: [{ after: 1h, add: [group:security] }] }"), RunbookErrorCodes.InvalidDuration);

        Assert.Equal(5, error.Location.Line);
    }
}
