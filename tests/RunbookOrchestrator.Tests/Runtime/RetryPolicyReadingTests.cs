using Bogus;
using RunbookOrchestrator.Definitions;

namespace RunbookOrchestrator.Tests.Runtime;

/// <summary>Regression: a whole-number <c>retry.backoff</c> (as in the documented format) used to throw while loading,
/// which took the whole server down at start.</summary>
public sealed class RetryPolicyReadingTests
{
    [Fact]
    public void A_whole_number_backoff_is_read_as_the_backoff_factor()
    {
        var factor = new Faker().Random.Int(1, 100);
        var yaml = $$"""
            id: backoff-int
            version: 1
            title: Whole-number backoff
            steps:
              - id: call
                uses: set
                with: { values: { ok: true } }
                retry: { max_attempts: 3, initial_delay: 1s, backoff: {{factor}}, max_delay: 30s }
            """;

        var result = RunbookLoader.Load(yaml, "backoff-int.yaml", RunbookFormat.Yaml);

        Assert.Empty(result.Errors);
        Assert.Equal(factor, result.Definition!.Steps[0].Retry!.BackoffFactor);
    }
}
