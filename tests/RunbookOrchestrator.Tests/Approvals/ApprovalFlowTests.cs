using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;
using RunbookOrchestrator.Tests.Runtime;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>Action-level approvals end to end: agent triggers, policy pauses, a person decides over the API, the run goes on or stops.</summary>
public sealed class ApprovalFlowTests(ApprovalFlowFixture fixture) : IClassFixture<ApprovalFlowFixture>
{
    private readonly Faker _faker = new();
    private OrchestratorApp App => fixture.App;

    private string Name() => $"{_faker.Internet.UserName().ToLowerInvariant().Replace('.', '-')}-{Guid.NewGuid().ToString("N")[..6]}";

    private static async Task<JsonObject> WaitingOnGateAsync(HttpClient agent, string runId) =>
        await agent.WaitForAsync(runId, r => r["waiting_for"] is JsonArray { Count: > 0 } w && w[0]!["kind"]!.GetValue<string>() == "approval");

    private static async Task<string> GateIdAsync(HttpClient reviewer, string runId)
    {
        for (var i = 0; i < 200; i++)
        {
            var list = JsonNode.Parse(await reviewer.GetStringAsync("/api/approvals?status=pending"))!["items"]!.AsArray();
            if (list.FirstOrDefault(g => g!["run_id"]!.GetValue<string>() == runId) is { } gate) return gate["id"]!.GetValue<string>();
            await Task.Delay(50);
        }
        throw new TimeoutException($"no pending approval for run {runId}");
    }

    private static Task<HttpResponseMessage> DecideAsync(HttpClient reviewer, string gateId, string decision, string? reason = null) =>
        reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision, reason });

    [Fact]
    public async Task A_policy_gate_is_injected_in_a_runbook_without_gates_and_approval_lets_the_step_run()
    {
        var agent = await App.AgentClientAsync(Name());
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");
        var runId = await agent.StartAsync("export", new { rows = 25 }, reason: "quarterly report");

        await WaitingOnGateAsync(agent, runId);
        var gateId = await GateIdAsync(reviewer, runId);
        var gate = JsonNode.Parse(await reviewer.GetStringAsync($"/api/approvals/{gateId}"))!;
        Assert.Equal("exports-need-data-owners", gate["rule"]!.GetValue<string>());
        Assert.Equal("quarterly report", gate["reason"]!.GetValue<string>());
        Assert.True(gate["can_decide"]!.GetValue<bool>());
        (await DecideAsync(reviewer, gateId, "approve")).EnsureSuccessStatusCode();

        var run = await agent.WaitForEndAsync(runId);
        Assert.Equal("succeeded", run.Status());
        Assert.Equal(25, run["outputs"]!["export"]!["exported"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_gated_step_after_effect_free_steps_opens_one_gate_and_runs_once_after_approval()
    {
        var agent = await App.AgentClientAsync(Name());
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");
        var runId = await agent.StartAsync("prepared-export");

        var waiting = await WaitingOnGateAsync(agent, runId);
        Assert.Equal("export", waiting["waiting_for"]![0]!["step"]!.GetValue<string>());
        Assert.True(waiting.HasSucceeded("prepare") && waiting.HasSucceeded("check"));
        var gateId = await GateIdAsync(reviewer, runId);
        (await DecideAsync(reviewer, gateId, "approve")).EnsureSuccessStatusCode();

        var run = await agent.WaitForEndAsync(runId);
        Assert.Equal("succeeded", run.Status());
        Assert.Equal(7, run["outputs"]!["export"]!["exported"]!.GetValue<int>());
        Assert.Single(run.Executions("export"));
        var gates = JsonNode.Parse(await reviewer.GetStringAsync("/api/approvals?status=all"))!["items"]!.AsArray();
        Assert.Single(gates, g => g!["run_id"]!.GetValue<string>() == runId);
    }

    [Fact]
    public async Task A_rejection_fails_the_run_as_rejected_with_the_reviewers_reason()
    {
        var agent = await App.AgentClientAsync(Name());
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");
        var runId = await agent.StartAsync("export");
        await WaitingOnGateAsync(agent, runId);

        (await DecideAsync(reviewer, await GateIdAsync(reviewer, runId), "reject", "use the anonymised extract instead")).EnsureSuccessStatusCode();

        var run = await agent.WaitForEndAsync(runId);
        Assert.Equal("failed", run.Status());
        Assert.Equal("rejected", run["steps"]!.AsArray().Single(s => s!["step"]!.GetValue<string>() == "export")!["outcome"]!.GetValue<string>());
        Assert.Contains("use the anonymised extract instead", run["error"]!.GetValue<string>());
        Assert.Equal("rejected", run["failure"]!["outcome"]!.GetValue<string>());
        Assert.Equal("export", run["failure"]!["step"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deny_rule_stops_the_step_with_its_message()
    {
        var agent = await App.AgentClientAsync(Name());

        var run = await agent.WaitForEndAsync(await agent.StartAsync("agent-shell"));

        Assert.Equal("failed", run.Status());
        Assert.Equal("denied", run["steps"]![0]!["outcome"]!.GetValue<string>());
        Assert.Contains("Agents may not run shell commands here", run["error"]!.GetValue<string>());
        Assert.Equal("denied", run["failure"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_uncovered_privileged_step_needs_the_runbooks_owners()
    {
        var agent = await App.AgentClientAsync(Name());
        var platform = await App.HumanClientAsync(Name(), "platform");
        var runId = await agent.StartAsync("infra");
        await WaitingOnGateAsync(agent, runId);

        var gate = JsonNode.Parse(await platform.GetStringAsync($"/api/approvals/{await GateIdAsync(platform, runId)}"))!;

        Assert.Equal("default:privileged-needs-owners", gate["rule"]!.GetValue<string>());
        Assert.Contains("group:platform", gate["approvers"]!.AsArray().Select(a => a!.GetValue<string>()));
    }

    [Fact]
    public async Task The_requesting_agent_cannot_approve_its_own_request()
    {
        var agent = await App.AgentClientAsync(Name());
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");
        var runId = await agent.StartAsync("export");
        await WaitingOnGateAsync(agent, runId);

        using var response = await DecideAsync(agent, await GateIdAsync(reviewer, runId), "approve");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("agent-cannot-approve", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_agents_owner_cannot_approve_what_the_agent_asks_for()
    {
        var agentName = Name();
        var agent = await App.AgentClientAsync(agentName);
        var owner = await App.HumanClientAsync($"{agentName}-owner", "data-owners");
        var runId = await agent.StartAsync("export");
        await WaitingOnGateAsync(agent, runId);

        using var response = await DecideAsync(owner, await GateIdAsync(owner, runId), "approve");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("owner-of-requesting-agent", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("capitals")]
    [InlineData("full-width")]
    [InlineData("padded")]
    public async Task Owner_in_capitals_cannot_approve_own_agents_request(string spelling)
    {
        var ownerName = Name();
        var typed = spelling switch
        {
            "capitals" => ownerName.ToUpperInvariant(),
            // Full-width Latin letters (U+FF21...) fold to ASCII under NFKC; digits and '-' have full-width forms too.
            "full-width" => new string(ownerName.Select(c => c is >= '!' and <= '~' ? (char)(c - '!' + '\uFF01') : c).ToArray()),
            _ => $"  {ownerName}\t",
        };
        var agent = await App.AgentClientOwnedByAsync(Name(), typed);
        var owner = await App.HumanClientAsync(ownerName, "data-owners");
        var runId = await agent.StartAsync("export");
        await WaitingOnGateAsync(agent, runId);

        using var response = await DecideAsync(owner, await GateIdAsync(owner, runId), "approve");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("owner-of-requesting-agent", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_agent_named_like_a_human_does_not_see_that_humans_runs()
    {
        var name = Name();
        var human = await App.HumanClientAsync(name, "data-owners");
        var runId = await human.StartAsync("infra");
        var agent = await App.AgentClientAsync(name);

        var list = JsonNode.Parse(await agent.GetStringAsync("/api/runs?limit=500"))!["items"]!.AsArray();
        using var single = await agent.GetAsync($"/api/runs/{runId}");

        Assert.DoesNotContain(list, r => r!["id"]!.GetValue<string>() == runId);
        Assert.Equal(404, (int)single.StatusCode);
    }

    [Fact]
    public async Task A_human_named_like_an_agent_does_not_see_that_agents_runs()
    {
        var name = Name();
        var agent = await App.AgentClientAsync(name);
        var runId = await agent.StartAsync("infra");
        var human = await App.HumanClientAsync(name);

        var list = JsonNode.Parse(await human.GetStringAsync("/api/runs?limit=500"))!["items"]!.AsArray();

        Assert.DoesNotContain(list, r => r!["id"]!.GetValue<string>() == runId);
    }

    [Fact]
    public async Task A_decided_gate_leaves_no_timer_behind_to_fire_at_its_old_deadline()
    {
        var agent = await App.AgentClientAsync(Name());
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");
        var runId = await agent.StartAsync("export");
        var waiting = await WaitingOnGateAsync(agent, runId);
        var second = RunbookOrchestrator.Server.Scheduling.TimerBuckets.SecondOf(DateTimeOffset.Parse(waiting["waiting_for"]![0]!["until"]!.GetValue<string>()));
        var buckets = App.Services.GetRequiredService<RunbookOrchestrator.Server.Scheduling.TimerBuckets>();
        Assert.Contains(buckets.Pending(second), t => t.RunId == runId && t.Purpose == "timeout of gate export");

        (await DecideAsync(reviewer, await GateIdAsync(reviewer, runId), "approve")).EnsureSuccessStatusCode();
        await agent.WaitForEndAsync(runId);

        Assert.DoesNotContain(buckets.Pending(second), t => t.RunId == runId);
    }

    [Fact]
    public async Task A_person_not_listed_is_told_why_they_cannot_decide()
    {
        var agent = await App.AgentClientAsync(Name());
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");
        var outsider = await App.HumanClientAsync(Name(), "marketing");
        var runId = await agent.StartAsync("export");
        await WaitingOnGateAsync(agent, runId);

        using var response = await DecideAsync(outsider, await GateIdAsync(reviewer, runId), "approve");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Contains("not one of this gate's approvers", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_explicit_gate_that_times_out_takes_its_timed_out_branch()
    {
        var agent = await App.AgentClientAsync(Name());

        var run = await agent.WaitForEndAsync(await agent.StartAsync("explicit-gate"));

        Assert.Equal("succeeded", run.Status());
        Assert.Equal("timed_out", run["steps"]![0]!["outcome"]!.GetValue<string>());
        Assert.True(run["outputs"]!["too-late"]!["timed_out"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_audit_trail_tells_the_story_and_verifies()
    {
        var agent = await App.AgentClientAsync(Name());
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");
        var auditor = await App.HumanClientAsync(Name(), "auditors");
        var runId = await agent.StartAsync("export", reason: "audit story");
        await WaitingOnGateAsync(agent, runId);
        (await DecideAsync(reviewer, await GateIdAsync(reviewer, runId), "approve")).EnsureSuccessStatusCode();
        await agent.WaitForEndAsync(runId);

        var lines = (await auditor.GetStringAsync("/api/audit/events?format=jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonNode.Parse(l)!).Where(e => e["run_id"]?.GetValue<string>() == runId).Select(e => e["kind"]!.GetValue<string>()).ToList();
        // The gated step's attempt is committed with the round that parked it, after the gate's own record.
        Assert.Equal(["run.started", "approval.requested", "step.started", "approval.decided", "step.completed", "step.started", "step.completed", "run.completed"],
            lines.Where(k => k != "step.failed").ToList());
        var verify = JsonNode.Parse(await auditor.GetStringAsync("/api/audit/verify"))!;
        Assert.True(verify["ok"]!.GetValue<bool>(), verify.ToJsonString());
    }

    [Fact]
    public async Task A_cancelled_runs_approval_leaves_the_inbox_and_a_decision_on_it_is_refused()
    {
        var agent = await App.AgentClientAsync(Name());
        var reviewer = await App.HumanClientAsync(Name(), "data-owners");
        var runId = await agent.StartAsync("export");
        await WaitingOnGateAsync(agent, runId);
        var gateId = await GateIdAsync(reviewer, runId);

        (await agent.PostAsJsonAsync($"/api/runs/{runId}/cancel", new { })).EnsureSuccessStatusCode();
        Assert.Equal("cancelled", (await agent.WaitForEndAsync(runId)).Status());

        JsonNode gate = null!;
        for (var i = 0; i < 200 && (gate = JsonNode.Parse(await reviewer.GetStringAsync($"/api/approvals/{gateId}"))!)["status"]!.GetValue<string>() == "pending"; i++)
            await Task.Delay(50);
        Assert.Equal("cancelled", gate["status"]!.GetValue<string>());
        var pending = JsonNode.Parse(await reviewer.GetStringAsync("/api/approvals?status=pending"))!["items"]!.AsArray();
        Assert.DoesNotContain(pending, g => g!["id"]!.GetValue<string>() == gateId);
        var response = await DecideAsync(reviewer, gateId, "approve");
        Assert.Equal(System.Net.HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("already-decided", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>());
    }
}
