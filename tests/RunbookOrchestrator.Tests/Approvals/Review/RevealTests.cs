using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Approvals.Review;

/// <summary>Reveal on demand: a reviewer who may decide a gate sees one masked value raw by saying why; the trail records who, which
/// field and why, never the value; everyone who may not decide, and every gate that forbids it, is refused.</summary>
public sealed class RevealTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private readonly Faker _faker = new();
    private OrchestratorApp App => fixture.App;

    private object LookupInputs(string? email = null, string? token = null) =>
        new { customer_email = email ?? _faker.Internet.Email(), api_token = token ?? "tok_" + _faker.Random.AlphaNumeric(32) };

    private async Task<(HttpClient Agent, HttpClient Reviewer, string GateId)> PendingLookupAsync(string runbook = "lookup", object? inputs = null)
    {
        var agent = await App.AgentClientAsync(fixture.Name());
        var reviewer = await App.HumanClientAsync(fixture.Name(), "data-owners");
        var (_, gateId) = await fixture.PendingGateAsync(agent, reviewer, runbook, inputs ?? LookupInputs());
        return (agent, reviewer, gateId);
    }

    private static async Task<string> CodeOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!.GetValue<string>();

    [Fact]
    public async Task A_reviewer_reveals_the_raw_value_of_one_masked_input_in_an_answer_that_is_never_cached()
    {
        var email = _faker.Internet.Email();
        var (_, reviewer, gateId) = await PendingLookupAsync(inputs: LookupInputs(email: email));

        using var response = await ReviewFixture.RevealAsync(reviewer, gateId, "inputs.customer_email");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(email, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["value"]!.GetValue<string>());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_approval_lists_the_masked_fields_a_reviewer_may_reveal()
    {
        var (_, reviewer, gateId) = await PendingLookupAsync();

        var gate = JsonNode.Parse(await reviewer.GetStringAsync($"/api/approvals/{gateId}"))!;

        Assert.True(gate["reveal"]!["allowed"]!.GetValue<bool>());
        Assert.Equal(["action.parameters.values.contact", "inputs.api_token", "inputs.customer_email"],
            gate["reveal"]!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
    }

    [Fact]
    public async Task A_reveal_is_audited_with_who_which_field_and_why_but_never_the_value()
    {
        var token = "tok_" + _faker.Random.AlphaNumeric(32);
        var (_, reviewer, gateId) = await PendingLookupAsync(inputs: LookupInputs(token: token));
        var why = _faker.Lorem.Sentence();
        var auditor = await App.HumanClientAsync(fixture.Name(), "auditors");

        (await ReviewFixture.RevealAsync(reviewer, gateId, "inputs.api_token", why)).EnsureSuccessStatusCode();

        var trail = await auditor.GetStringAsync("/api/audit/events?format=jsonl");
        var reveal = trail.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)
            .Single(e => e["kind"]!.GetValue<string>() == "approval.revealed" && e["data_json"]!.GetValue<string>().Contains(gateId));
        Assert.Equal(why, reveal["reason"]!.GetValue<string>());
        Assert.Equal("inputs.api_token", JsonNode.Parse(reveal["data_json"]!.GetValue<string>())!["field"]!.GetValue<string>());
        Assert.DoesNotContain(token, trail);
    }

    [Fact]
    public async Task Reveal_is_refused_when_the_gate_forbids_it()
    {
        var (_, reviewer, gateId) = await PendingLookupAsync("sealed-lookup");

        using var response = await ReviewFixture.RevealAsync(reviewer, gateId, "inputs.customer_email");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("reveal-forbidden", await CodeOf(response));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Reveal_is_refused_to_the_requesting_agent()
    {
        var (agent, _, gateId) = await PendingLookupAsync();

        using var response = await ReviewFixture.RevealAsync(agent, gateId, "inputs.customer_email");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("agent-cannot-approve", await CodeOf(response));
    }

    [Fact]
    public async Task Reveal_is_refused_to_the_owner_of_the_requesting_agent()
    {
        var agentName = fixture.Name();
        var agent = await App.AgentClientAsync(agentName);
        var reviewer = await App.HumanClientAsync(fixture.Name(), "data-owners");
        var owner = await App.HumanClientAsync($"{agentName}-owner", "data-owners");
        var (_, gateId) = await fixture.PendingGateAsync(agent, reviewer, "lookup", LookupInputs());

        using var response = await ReviewFixture.RevealAsync(owner, gateId, "inputs.customer_email");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("owner-of-requesting-agent", await CodeOf(response));
    }

    [Fact]
    public async Task Reveal_is_refused_to_someone_who_is_not_an_approver()
    {
        var (_, _, gateId) = await PendingLookupAsync();
        var outsider = await App.HumanClientAsync(fixture.Name(), "sre");

        using var response = await ReviewFixture.RevealAsync(outsider, gateId, "inputs.customer_email");

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("not-an-approver", await CodeOf(response));
    }

    [Fact]
    public async Task Reveal_needs_a_justification()
    {
        var (_, reviewer, gateId) = await PendingLookupAsync();

        using var response = await ReviewFixture.RevealAsync(reviewer, gateId, "inputs.customer_email", justification: "  ");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("justification-required", await CodeOf(response));
    }

    [Fact]
    public async Task Reveal_of_a_field_the_gate_did_not_keep_is_a_bad_request_naming_the_revealable_fields()
    {
        var (_, reviewer, gateId) = await PendingLookupAsync();

        using var response = await ReviewFixture.RevealAsync(reviewer, gateId, "inputs.region");

        Assert.Equal(400, (int)response.StatusCode);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("unknown-field", problem["code"]!.GetValue<string>());
        Assert.Contains("inputs.customer_email", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reveal_body_with_an_unknown_member_is_a_problem_naming_it()
    {
        var (_, reviewer, gateId) = await PendingLookupAsync();

        using var response = await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/reveals", new { field = "inputs.api_token", justification = "x", value = "guess" });

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("'value'", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Reveal_is_refused_once_the_gate_is_decided()
    {
        var (_, reviewer, gateId) = await PendingLookupAsync();
        (await reviewer.PostAsJsonAsync($"/api/approvals/{gateId}/decisions", new { decision = "approve" })).EnsureSuccessStatusCode();

        using var response = await ReviewFixture.RevealAsync(reviewer, gateId, "inputs.customer_email");

        Assert.Equal(409, (int)response.StatusCode);
        Assert.Equal("already-decided", await CodeOf(response));
    }
}
