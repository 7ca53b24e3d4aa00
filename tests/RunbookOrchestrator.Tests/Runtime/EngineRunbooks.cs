namespace RunbookOrchestrator.Tests.Runtime;

/// <summary>Small runbooks, one per engine behaviour under test.</summary>
internal static class EngineRunbooks
{
    public static readonly (string File, string Yaml)[] All =
    [
        // Engine tests exercise shell steps (privileged 'infra' by default, which the fail-safe would pause for the owners);
        // this policy lets them run so the tests see the engine, not the gate. Gates have their own tests.
        ("policies.yaml", """
            version: 1
            rules:
              - id: engine-tests-run-shell
                match: { activity: shell }
                effect: allow
            """),
        ("sequence.yaml", """
            id: sequence
            version: 1
            title: Sequence of set steps
            inputs:
              name: { type: string, required: true }
              greeting: { type: string, default: hello }
            steps:
              - id: first
                uses: set
                with:
                  values:
                    message: "{{ inputs.greeting }} {{ inputs.name }}"
                    name: "{{ inputs.name }}"
              - id: second
                uses: set
                with:
                  values:
                    copied: "{{ steps.first.output.message }}"
            """),
        ("when-skip.yaml", """
            id: when-skip
            version: 1
            title: Optional step
            inputs:
              include_optional: { type: bool, default: false }
            steps:
              - id: optional
                uses: set
                when: "inputs.include_optional"
                with: { values: { ran: true } }
              - id: last
                uses: set
                with: { values: { reached: true } }
            """),
        ("branching.yaml", """
            id: branching
            version: 1
            title: Branch on amount
            inputs:
              amount: { type: int, required: true }
            steps:
              - id: decide
                uses: branch
                with: { condition: "inputs.amount > 100" }
                next: { "true": big, "false": small }
              - id: big
                uses: set
                with: { values: { size: big } }
                next: { done: end }
              - id: small
                uses: set
                with: { values: { size: small } }
            """),
        ("switching.yaml", """
            id: switching
            version: 1
            title: Switch on level
            inputs:
              level: { type: int, required: true }
            steps:
              - id: pick
                uses: switch
                with:
                  cases:
                    high: "inputs.level >= 5"
                    medium: "inputs.level >= 2"
                next: { high: on_high, medium: on_medium, default: on_low }
              - id: on_high
                uses: set
                with: { values: { chose: high } }
                next: { done: end }
              - id: on_medium
                uses: set
                with: { values: { chose: medium } }
                next: { done: end }
              - id: on_low
                uses: set
                with: { values: { chose: low } }
            """),
        ("waiter.yaml", """
            id: waiter
            version: 1
            title: Waits for go-ahead
            steps:
              - id: wait_go
                uses: wait.event
                with: { event: go-ahead }
              - id: after
                uses: set
                with: { values: { answer: "{{ steps.wait_go.output.answer }}" } }
            """),
        ("two-waits.yaml", """
            id: two-waits
            version: 1
            title: Waits for two events in order
            steps:
              - id: wait_first
                uses: wait.event
                with: { event: first }
              - id: wait_second
                uses: wait.event
                with: { event: second }
              - id: after
                uses: set
                with: { values: { second_answer: "{{ steps.wait_second.output.answer }}" } }
            """),
        ("wait-timeout.yaml", """
            id: wait-timeout
            version: 1
            title: Waits a short while for a reply
            steps:
              - id: wait_reply
                uses: wait.event
                with: { event: reply, timeout: 1s }
                next: { timed_out: gave_up }
              - id: got_reply
                uses: set
                with: { values: { replied: true } }
                next: { done: end }
              - id: gave_up
                uses: set
                with: { values: { gave_up: true } }
            """),
        ("delayed.yaml", """
            id: delayed
            version: 1
            title: Pauses one second
            steps:
              - id: pause
                uses: delay
                with: { duration: 1s }
              - id: after
                uses: set
                with: { values: { resumed: true } }
            """),
        ("flaky-call.yaml", """
            id: flaky-call
            version: 1
            title: Calls an endpoint with retries
            inputs:
              url: { type: string, required: true }
            steps:
              - id: call
                uses: http.request
                with:
                  url: "{{ inputs.url }}"
                retry: { max_attempts: 3, initial_delay: 100ms, backoff: 2, max_delay: 1s }
            """),
        ("slow-routed.yaml", """
            id: slow-routed
            version: 1
            title: Slow command with a timeout route
            steps:
              - id: slow
                uses: shell
                with: { command: ["sleep", "5"] }
                timeout: 1s
                next: { timed_out: recover, done: end }
              - id: recover
                uses: set
                with: { values: { recovered: true } }
            """),
        ("slow-unrouted.yaml", """
            id: slow-unrouted
            version: 1
            title: Slow command without a timeout route
            steps:
              - id: slow
                uses: shell
                with: { command: ["sleep", "5"] }
                timeout: 1s
            """),
        ("fails-unrouted.yaml", """
            id: fails-unrouted
            version: 1
            title: Fails with nowhere to go
            inputs:
              why: { type: string, required: true }
            steps:
              - id: boom
                uses: fail
                with: { message: "{{ inputs.why }}" }
            """),
        ("fails-routed.yaml", """
            id: fails-routed
            version: 1
            title: Fails into a cleanup step
            steps:
              - id: boom
                uses: fail
                with: { message: broken on purpose }
                next: { failed: cleanup }
              - id: cleanup
                uses: set
                with: { values: { cleaned: true } }
            """),
        ("fan-all.yaml", """
            id: fan-all
            version: 1
            title: Two branches joined
            steps:
              - id: fan
                uses: parallel
                with: { branches: [left, right] }
              - id: left
                uses: set
                with: { values: { side: left } }
                next: { done: together }
              - id: right
                uses: set
                with: { values: { side: right } }
                next: { done: together }
              - id: together
                uses: join
                with: { mode: all }
              - id: after
                uses: set
                with: { values: { joined: true } }
            """),
        ("fan-any.yaml", """
            id: fan-any
            version: 1
            title: Two branches, first one wins
            steps:
              - id: fan
                uses: parallel
                with: { branches: [quick, slow_wait] }
              - id: quick
                uses: set
                with: { values: { side: quick } }
                next: { done: first_in }
              - id: slow_wait
                uses: wait.event
                with: { event: late }
                next: { done: first_in }
              - id: first_in
                uses: join
                with: { mode: any }
              - id: after
                uses: set
                with: { values: { joined: true } }
            """),
        ("child-ok.yaml", """
            id: child-ok
            version: 1
            title: Child that succeeds
            inputs:
              n: { type: int, required: true }
            steps:
              - id: compute
                uses: set
                with: { values: { received: "{{ inputs.n }}" } }
            """),
        ("parent-ok.yaml", """
            id: parent-ok
            version: 1
            title: Calls child-ok
            inputs:
              n: { type: int, required: true }
            steps:
              - id: call_child
                uses: runbook.call
                with:
                  runbook: child-ok
                  inputs: { n: "{{ inputs.n }}" }
              - id: use
                uses: set
                with: { values: { got: "{{ steps.call_child.output.outputs.compute.received }}" } }
            """),
        ("parent-bad-inputs.yaml", """
            id: parent-bad-inputs
            version: 1
            title: Calls child-ok with a word where a number belongs
            steps:
              - id: call_child
                uses: runbook.call
                with:
                  runbook: child-ok
                  inputs: { n: seven }
            """),
        ("child-fails.yaml", """
            id: child-fails
            version: 1
            title: Child that fails
            steps:
              - id: boom
                uses: fail
                with: { message: child broke }
            """),
        ("parent-fails.yaml", """
            id: parent-fails
            version: 1
            title: Calls child-fails
            steps:
              - id: call_child
                uses: runbook.call
                with: { runbook: child-fails }
            """),
        ("slow-then-more.yaml", """
            id: slow-then-more
            version: 1
            title: A slow command followed by more work
            steps:
              - id: begin
                uses: set
                with: { values: { began: true } }
              - id: slow
                uses: shell
                with: { command: ["sleep", "3"] }
              - id: more
                uses: set
                with: { values: { more: true } }
            """),
        ("forever.yaml", """
            id: forever
            version: 1
            title: A loop with no exit
            steps:
              - id: again
                uses: set
                with: { values: { looping: true } }
                next: { done: again }
            """),
    ];
}
