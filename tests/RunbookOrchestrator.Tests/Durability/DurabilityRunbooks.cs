namespace RunbookOrchestrator.Tests.Durability;

/// <summary>The runbooks the durability tests run; every real side effect is a hit on a <see cref="HitCounter"/> passed as input <c>counter</c>.</summary>
public static class DurabilityRunbooks
{
    public const string ParkOnEvent = "park-on-event";
    public const string ParkOnDelay = "park-on-delay";
    public const string FiveSteps = "five-steps";
    public const string Mixed = "mixed-steps";

    /// <summary>before → wait.event <c>go</c> → after.</summary>
    public static (string File, string Yaml) EventRunbook() => (ParkOnEvent + ".yaml", $$$"""
        id: {{{ParkOnEvent}}}
        version: 1
        title: Park on an event
        owners: [durability-tests]
        inputs:
          counter: { type: string, required: true }
        steps:
          - id: before
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/before/{{ run.id }}", method: POST }
          - id: pause
            uses: wait.event
            with: { event: go }
          - id: after
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/after/{{ run.id }}", method: POST }
        """);

    /// <summary>before → delay <paramref name="delay"/> → after.</summary>
    public static (string File, string Yaml) DelayRunbook(string delay) => (ParkOnDelay + ".yaml", $$$"""
        id: {{{ParkOnDelay}}}
        version: 1
        title: Park on a timer
        owners: [durability-tests]
        inputs:
          counter: { type: string, required: true }
        steps:
          - id: before
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/before/{{ run.id }}", method: POST }
          - id: pause
            uses: delay
            with: { duration: {{{delay}}} }
          - id: after
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/after/{{ run.id }}", method: POST }
        """);

    /// <summary>hit-1 → nap-1 → hit-2 → nap-2 → hit-3, with short delays so runs are busy, not parked, for most of their life.</summary>
    public static (string File, string Yaml) FiveStepRunbook() => (FiveSteps + ".yaml", $$$"""
        id: {{{FiveSteps}}}
        version: 1
        title: Five busy steps
        owners: [durability-tests]
        inputs:
          counter: { type: string, required: true }
        steps:
          - id: hit-1
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/hit-1/{{ run.id }}", method: POST }
          - id: nap-1
            uses: delay
            with: { duration: 300ms }
          - id: hit-2
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/hit-2/{{ run.id }}", method: POST }
          - id: nap-2
            uses: delay
            with: { duration: 300ms }
          - id: hit-3
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/hit-3/{{ run.id }}", method: POST }
        """);

    /// <summary>hit-1 → compute (set) → decide (branch) → hit-2 → tally (set) → hit-3: effect-free steps between effects, which
    /// the engine runs in the round of the step before them and commits together, before the next hit.</summary>
    public static (string File, string Yaml) MixedRunbook() => (Mixed + ".yaml", $$$"""
        id: {{{Mixed}}}
        version: 1
        title: Effects with effect-free steps between them
        owners: [durability-tests]
        inputs:
          counter: { type: string, required: true }
        steps:
          - id: hit-1
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/hit-1/{{ run.id }}", method: POST }
          - id: compute
            uses: set
            with: { values: { run: "{{ run.id }}", ok: true } }
          - id: decide
            uses: branch
            with: { condition: "steps.compute.output.ok == true" }
            next: { "true": hit-2, "false": end }
          - id: hit-2
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/hit-2/{{ steps.compute.output.run }}", method: POST }
          - id: tally
            uses: set
            with: { values: { counted: 2 } }
          - id: hit-3
            uses: http.request
            with: { url: "{{ inputs.counter }}/hit/hit-3/{{ run.id }}", method: POST }
        """);
}
