using System.Net;
using System.Text.Json.Nodes;
using Bogus;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Scheduling;
using RunbookOrchestrator.Tests.Approvals;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Runtime;

namespace RunbookOrchestrator.Tests.Scheduling;

/// <summary>The Hangfire dashboard at /hangfire: open to humans in the admins group only, and it shows what falls due in words.</summary>
public sealed class TimersDashboardTests(ApprovalFlowFixture fixture) : IClassFixture<ApprovalFlowFixture>
{
    private readonly Faker _faker = new();
    private OrchestratorApp App => fixture.App;

    private string Name() => $"{_faker.Internet.UserName().ToLowerInvariant().Replace('.', '-')}-{Guid.NewGuid().ToString("N")[..6]}";

    [Fact]
    public async Task An_admin_sees_the_pending_timeout_of_a_waiting_gate_named_in_words()
    {
        var agent = await App.AgentClientAsync(Name());
        var admin = await App.HumanClientAsync(Name(), "admins");
        var runId = await agent.StartAsync("export");
        var run = await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 });
        var due = TimerBuckets.SecondOf(DateTimeOffset.Parse(run["waiting_for"]![0]!["until"]!.GetValue<string>()));
        var dueText = DateTimeOffset.FromUnixTimeSeconds(due).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

        // The scheduled list names each second's job; the job's page lists every timer in it.
        string? jobId = null;
        for (var i = 0; i < 100 && jobId is null; i++)
        {
            jobId = App.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().ScheduledJobs(0, 10_000)
                .FirstOrDefault(j => j.Value?.Job?.Args is [string d, ..] && d == dueText).Key;
            if (jobId is null) await Task.Delay(100);
        }
        Assert.NotNull(jobId);
        using var list = await admin.GetAsync("/hangfire/jobs/scheduled");
        using var details = await admin.GetAsync($"/hangfire/jobs/details/{jobId}");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains($"due {dueText}", await list.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        var page = await details.Content.ReadAsStringAsync();
        Assert.Contains("Timers in this job", page);
        Assert.Contains("timeout of gate export", page);
        Assert.Contains(runId, page);
    }

    [Fact]
    public async Task An_anonymous_caller_gets_401_as_problem_json()
    {
        using var anonymous = App.CreateClient();

        using var response = await anonymous.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_agent_gets_403_whatever_it_may_trigger()
    {
        var agent = await App.AgentClientAsync(Name());

        using var response = await agent.GetAsync("/hangfire/jobs/scheduled");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("admins", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["missing_group"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_human_outside_admins_gets_403_naming_the_group()
    {
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");

        using var response = await reviewer.GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("'admins' group", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_dashboard_is_read_only_even_for_an_admin()
    {
        var admin = await App.HumanClientAsync(Name(), "admins");

        // Hangfire answers commands (delete, requeue) only when the dashboard is not read-only.
        using var response = await admin.PostAsync("/hangfire/jobs/scheduled/delete", new FormUrlEncodedContent([new("jobs[]", "1")]));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(HttpStatusCode.NoContent, response.StatusCode);
    }
}
