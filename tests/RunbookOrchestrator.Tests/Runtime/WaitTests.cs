using System.Net;
using System.Net.Http.Json;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runtime;

[Collection(EngineCollection.Name)]
public sealed class WaitTests(EngineFixture fixture)
{
    private readonly Faker _faker = new();
    private HttpClient Agent => fixture.Agent;

    [Fact]
    public async Task A_run_at_wait_event_is_waiting_and_names_the_event()
    {
        var id = await Agent.StartAsync("waiter");

        var run = await Agent.WaitForAsync(id, r => r.Status() == "waiting");

        var wait = Assert.Single(run["waiting_for"]!.AsArray());
        Assert.Equal("wait_go", wait.Str("step"));
        Assert.Equal("go-ahead", wait.Str("event"));
        Assert.Equal("wait_go", Assert.Single(run["current_steps"]!.AsArray())!.GetValue<string>());
    }

    [Fact]
    public async Task An_event_resumes_the_waiting_run_with_its_payload_as_the_step_output()
    {
        var id = await Agent.StartAsync("waiter");
        await Agent.WaitForAsync(id, r => r.Status() == "waiting");
        var answer = _faker.Lorem.Sentence();

        using var sent = await Agent.PostAsJsonAsync($"/api/runs/{id}/events/go-ahead", new { answer });
        var run = await Agent.WaitForEndAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal("succeeded", run.Status());
        Assert.Equal(answer, run["outputs"]!["wait_go"].Str("answer"));
        Assert.Equal(answer, run["outputs"]!["after"].Str("answer"));
    }

    [Fact]
    public async Task An_event_sent_before_its_wait_step_starts_is_kept_and_consumed_when_the_run_gets_there()
    {
        var id = await Agent.StartAsync("two-waits");
        await Agent.WaitForAsync(id, r => r.Status() == "waiting" && r["waiting_for"]!.AsArray().Any(w => w.Str("event") == "first"));
        var answer = _faker.Lorem.Word();

        using var early = await Agent.PostAsJsonAsync($"/api/runs/{id}/events/second", new { answer });
        var stillWaiting = await Agent.GetRunAsync(id);
        using var first = await Agent.PostAsJsonAsync($"/api/runs/{id}/events/first", new { });
        var run = await Agent.WaitForEndAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
        Assert.Equal("first", Assert.Single(stillWaiting["waiting_for"]!.AsArray()).Str("event"));
        Assert.Equal("succeeded", run.Status());
        Assert.Equal(answer, run["outputs"]!["after"].Str("second_answer"));
    }

    [Fact]
    public async Task A_wait_event_that_times_out_takes_the_timed_out_route()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("wait-timeout"));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("timed_out", Assert.Single(run.Executions("wait_reply")).Str("outcome"));
        Assert.True(run.HasSucceeded("gave_up"));
        Assert.Empty(run.Executions("got_reply"));
    }

    [Fact]
    public async Task A_one_second_delay_resumes_exactly_once()
    {
        var run = await Agent.WaitForEndAsync(await Agent.StartAsync("delayed"));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("succeeded", Assert.Single(run.Executions("pause")).Str("status"));
        Assert.Equal("succeeded", Assert.Single(run.Executions("after")).Str("status"));
    }

    [Fact]
    public async Task Cancelling_a_waiting_run_cancels_it_and_its_open_step()
    {
        var id = await Agent.StartAsync("waiter");
        await Agent.WaitForAsync(id, r => r.Status() == "waiting");

        using var cancel = await Agent.PostAsJsonAsync($"/api/runs/{id}/cancel", new { reason = _faker.Lorem.Sentence() });
        var run = await Agent.WaitForEndAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", run.Status());
        Assert.Equal("cancelled", Assert.Single(run.Executions("wait_go")).Str("status"));
        Assert.Empty(run.Executions("after"));
    }

    [Fact]
    public async Task Cancelling_a_run_while_a_step_executes_stops_it_before_the_next_step()
    {
        var id = await Agent.StartAsync("slow-then-more");
        // Once 'begin' is committed the next round starts 'slow', which takes seconds.
        await Agent.WaitForAsync(id, r => r.HasSucceeded("begin"));

        using var cancel = await Agent.PostAsJsonAsync($"/api/runs/{id}/cancel", new { reason = _faker.Lorem.Sentence() });
        var run = await Agent.WaitForEndAsync(id);

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("cancelled", run.Status());
        Assert.All(run.Executions("more"), e => Assert.Equal("cancelled", e.Str("status")));
        Assert.Null(run["outputs"]!["more"]);
    }

    [Fact]
    public async Task Cancelling_a_finished_run_is_a_409_problem()
    {
        var id = await Agent.StartAsync("sequence", new { name = _faker.Name.FirstName() });
        await Agent.WaitForEndAsync(id);

        using var cancel = await Agent.PostAsJsonAsync($"/api/runs/{id}/cancel", new { });

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal("application/problem+json", cancel.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already finished", await cancel.Content.ReadAsStringAsync());
    }
}
