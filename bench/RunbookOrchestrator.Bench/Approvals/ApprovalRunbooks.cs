namespace RunbookOrchestrator.Bench.Approvals;

/// <summary>The runbooks the approval benchmarks park: a gate for group <c>sre</c>, then one in-process step whose completion marks the resume.</summary>
public static class ApprovalRunbooks
{
    public const string Gated = "bench-approval";
    public const string Timed = "bench-approval-timer";

    /// <summary>The step after the gate in both runbooks; its <c>completed_at</c> is the resume moment.</summary>
    public const string AfterStep = "after";

    /// <summary>approval (group:sre, 1h) → set.</summary>
    public static (string File, string Yaml) GatedRunbook() => (Gated + ".yaml", $$"""
        id: {{Gated}}
        version: 1
        title: Parked on an approval
        owners: [sre]
        steps:
          - id: ask
            uses: approval
            with: { approvers: [group:sre], timeout: 1h }
            next: { approved: {{AfterStep}}, rejected: end, timed_out: end }
          - id: {{AfterStep}}
            uses: set
            with: { values: { resumed: true } }
        """);

    /// <summary>approval with a per-run timeout taken from the input <c>timeout</c> (a duration such as <c>61234ms</c>) → set on timeout.</summary>
    public static (string File, string Yaml) TimedRunbook() => (Timed + ".yaml", $$$"""
        id: {{{Timed}}}
        version: 1
        title: Approval that times out at a chosen moment
        owners: [sre]
        inputs:
          timeout: { type: string, required: true }
        steps:
          - id: ask
            uses: approval
            with: { approvers: [group:sre], timeout: "{{ inputs.timeout }}" }
            next: { approved: end, rejected: end, timed_out: {{{AfterStep}}} }
          - id: {{{AfterStep}}}
            uses: set
            with: { values: { timed_out: true } }
        """);

    /// <summary>approval (group:sre, <paramref name="quorum"/>, timeout from the input <c>timeout</c>) → set: the runbook <c>approval-decisions</c> parks.</summary>
    public static (string File, string Yaml) QuorumRunbook(string id, int quorum) => (id + ".yaml", $$$"""
        id: {{{id}}}
        version: 1
        title: Parked on an approval (quorum {{{quorum}}})
        owners: [sre]
        inputs:
          timeout: { type: string, required: true }
        steps:
          - id: ask
            uses: approval
            with: { approvers: [group:sre], quorum: {{{quorum}}}, timeout: "{{ inputs.timeout }}" }
            next: { approved: {{{AfterStep}}}, rejected: end, timed_out: end }
          - id: {{{AfterStep}}}
            uses: set
            with: { values: { resumed: true } }
        """);
}
