using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>One server with a policy file and runbooks that pause for people, shared by the approval flow tests.</summary>
public sealed class ApprovalFlowFixture : IAsyncLifetime
{
    public OrchestratorApp App { get; } = new(
        ("policies.yaml", """
            version: 1
            rules:
              - id: exports-need-data-owners
                match: { privileged: data-export }
                effect:
                  require_approval: { approvers: [group:data-owners], quorum: 1, timeout: 1h, window: 15m }
              - id: no-shell-for-agents
                match: { activity: shell, requester: { kind: agent } }
                effect: { deny: "Agents may not run shell commands here" }
            """),
        ("export.yaml", """
            id: export
            version: 1
            owners: [data-owners]
            inputs:
              rows: { type: int, default: 10 }
            steps:
              - id: export
                uses: set
                privileged: data-export
                with: { values: { exported: "{{ inputs.rows }}" } }
              - id: after
                uses: set
                with: { values: { done: true } }
            """),
        ("prepared-export.yaml", """
            id: prepared-export
            version: 1
            owners: [data-owners]
            steps:
              - id: prepare
                uses: set
                with: { values: { rows: 7 } }
              - id: check
                uses: branch
                with: { condition: "steps.prepare.output.rows > 0" }
                next: { "true": export, "false": end }
              - id: export
                uses: set
                privileged: data-export
                with: { values: { exported: "{{ steps.prepare.output.rows }}" } }
              - id: after
                uses: set
                with: { values: { done: true } }
            """),
        ("infra.yaml", """
            id: infra
            version: 1
            owners: [platform]
            steps:
              - id: scale
                uses: set
                privileged: infra
                with: { values: { replicas: 3 } }
            """),
        ("agent-shell.yaml", """
            id: agent-shell
            version: 1
            owners: [platform]
            steps:
              - id: run
                uses: shell
                with: { command: [echo, hello] }
            """),
        ("explicit-gate.yaml", """
            id: explicit-gate
            version: 1
            owners: [sre]
            steps:
              - id: ask
                uses: approval
                with: { approvers: [group:sre], timeout: 2s }
                next: { approved: go, timed_out: too-late }
              - id: go
                uses: set
                with: { values: { went: true } }
                next: { done: end }
              - id: too-late
                uses: set
                with: { values: { timed_out: true } }
            """));

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
