namespace RunbookOrchestrator.Bench.Engine;

/// <summary>The runbooks the engine benchmarks run: no external I/O, so the engine and its store are what is measured.</summary>
public static class BenchRunbooks
{
    public const string FiveSteps = "bench-five-steps";
    public const string Parked = "bench-parked";

    /// <summary>set → branch → set → set → set.</summary>
    public static (string File, string Yaml) FiveStepRunbook() => (FiveSteps + ".yaml", $$"""
        id: {{FiveSteps}}
        version: 1
        title: Five in-process steps
        owners: [bench]
        steps:
          - id: first
            uses: set
            with: { values: { n: 1 } }
          - id: check
            uses: branch
            with: { condition: "steps.first.output.n == 1" }
            next: { "true": second, "false": end }
          - id: second
            uses: set
            with: { values: { n: 2 } }
          - id: third
            uses: set
            with: { values: { n: 3 } }
          - id: fourth
            uses: set
            with: { values: { n: 4 } }
        """);

    /// <summary>set → wait.event <c>go</c> → set.</summary>
    public static (string File, string Yaml) ParkedRunbook() => (Parked + ".yaml", $$"""
        id: {{Parked}}
        version: 1
        title: Parked on an event
        owners: [bench]
        steps:
          - id: first
            uses: set
            with: { values: { n: 1 } }
          - id: pause
            uses: wait.event
            with: { event: go }
          - id: last
            uses: set
            with: { values: { n: 2 } }
        """);
}
