using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runtime;

[Collection(EngineCollection.Name)]
public sealed class RetryAndTimeoutTests(EngineFixture fixture)
{
    private readonly Faker _faker = new();
    private HttpClient Agent => fixture.Agent;

    [Fact]
    public async Task A_retryable_failure_is_retried_until_it_succeeds_with_one_attempt_recorded_per_try()
    {
        var token = _faker.Random.AlphaNumeric(16);

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("flaky-call", new { url = $"{fixture.Server.BaseUrl}/flaky/{token}" }));

        Assert.Equal("succeeded", run.Status());
        var attempts = run.Executions("call");
        Assert.Equal([1, 2, 3], attempts.Select(a => a["attempt"]!.GetValue<int>()));
        Assert.Equal(["failed", "failed", "succeeded"], attempts.Select(a => a.Str("status")));
        Assert.Equal(3, fixture.Server.Received(token).Count);
    }

    [Fact]
    public async Task A_call_that_takes_time_is_recorded_as_started_before_it_was_made()
    {
        var token = _faker.Random.AlphaNumeric(16);

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("flaky-call", new { url = $"{fixture.Server.BaseUrl}/slow/400/{token}" }));

        var call = Assert.Single(run.Executions("call"));
        var started = DateTimeOffset.Parse(call.Str("started_at")!);
        var completed = DateTimeOffset.Parse(call.Str("completed_at")!);
        // The receiver held the call for 400 ms, so an attempt stamped before the call spans at least that.
        Assert.True(completed - started >= TimeSpan.FromMilliseconds(390), $"started {started:O}, completed {completed:O}");
    }

    [Fact]
    public async Task Each_retry_sends_an_idempotency_key_that_differs_only_by_attempt_number()
    {
        var token = _faker.Random.AlphaNumeric(16);

        var id = await Agent.StartAsync("flaky-call", new { url = $"{fixture.Server.BaseUrl}/flaky/{token}" });
        await Agent.WaitForEndAsync(id);

        var keys = fixture.Server.Received(token).Select(r => r.Header("Idempotency-Key")).ToList();
        Assert.Equal([$"{id}:call:1", $"{id}:call:2", $"{id}:call:3"], keys);
    }

    [Fact]
    public async Task A_non_retryable_400_fails_the_step_at_once()
    {
        var token = _faker.Random.AlphaNumeric(16);

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("flaky-call", new { url = $"{fixture.Server.BaseUrl}/status/400/{token}" }));

        Assert.Equal("failed", run.Status());
        Assert.Equal("failed", Assert.Single(run.Executions("call")).Str("status"));
        Assert.Single(fixture.Server.Received(token));
        Assert.Contains("400", run.Str("error"));
    }

    [Fact]
    public async Task A_step_over_its_timeout_takes_the_timed_out_route()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("slow-routed"));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("timed_out", Assert.Single(run.Executions("slow")).Str("outcome"));
        Assert.True(run["outputs"]!["recover"]!["recovered"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_step_over_its_timeout_with_no_timed_out_route_fails_the_run_saying_so()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("slow-unrouted"));

        Assert.Equal("failed", run.Status());
        Assert.Equal("timed_out", Assert.Single(run.Executions("slow")).Str("outcome"));
        Assert.Contains("step 'slow'", run.Str("error"));
        Assert.Contains("timed out", run.Str("error"));
    }

    [Fact]
    public async Task A_failed_step_with_no_failed_route_fails_the_run_with_an_error_naming_the_step()
    {
        var why = _faker.Lorem.Sentence();

        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("fails-unrouted", new { why }));

        Assert.Equal("failed", run.Status());
        Assert.Contains("step 'boom'", run.Str("error"));
        Assert.Contains(why, run.Str("error"));
    }

    [Fact]
    public async Task A_failed_step_with_a_failed_route_continues_there()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("fails-routed"));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("failed", Assert.Single(run.Executions("boom")).Str("outcome"));
        Assert.True(run["outputs"]!["cleanup"]!["cleaned"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_loop_that_never_ends_is_failed_once_the_execution_limit_is_reached()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("forever"));

        Assert.Equal("failed", run.Status());
        Assert.Contains($"{EngineFixture.MaxExecutionsPerRun} step executions", run.Str("error"));
        Assert.Equal(EngineFixture.MaxExecutionsPerRun, run.Executions("again").Count);
    }
}
