using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Api;

/// <summary>List endpoints refuse a malformed query parameter with a 400 naming it, instead of ignoring it.</summary>
[Collection(ApiCollection.Name)]
public sealed class QueryParameterTests(ApiFixture fixture)
{
    private readonly Faker _faker = new();

    private static void AssertNames(JsonObject problem, string parameter)
    {
        Assert.Equal("invalid-query", problem["code"]!.GetValue<string>());
        Assert.Equal(parameter, problem["parameter"]!.GetValue<string>());
        Assert.Equal("?" + parameter, Assert.Single(problem["errors"]!.AsArray())!["path"]!.GetValue<string>());
        Assert.Contains($"'{parameter}'", problem.Detail());
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("0196f5b2c3d47e8f9a0b1c2d3e4f5a6b7")]
    [InlineData("0196F5B2C3D47E8F9A0B1C2D3E4F5A6B")]
    [InlineData("")]
    public async Task Bad_cursor_is_400(string cursor)
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?cursor={Uri.EscapeDataString(cursor)}");

        AssertNames(await response.AssertProblemAsync(400), "cursor");
    }

    [Fact]
    public async Task A_cursor_from_a_previous_page_is_accepted()
    {
        using var agent = await fixture.App.AgentClientAsync("cursor-" + _faker.Random.AlphaNumeric(8).ToLowerInvariant());
        for (var i = 0; i < 2; i++) await agent.StartAsync("typed", new { count = i + 1 });
        var first = JsonNode.Parse(await agent.GetStringAsync("/api/runs?limit=1"))!;

        var second = JsonNode.Parse(await agent.GetStringAsync($"/api/runs?limit=1&cursor={first["next_cursor"]!.GetValue<string>()}"))!;

        Assert.Single(second["items"]!.AsArray());
    }

    [Theory]
    [InlineData("pending,running")]
    [InlineData(" running")]
    [InlineData("3")]
    public async Task Run_status_that_only_a_lenient_enum_parser_accepts_is_400(string status)
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?status={Uri.EscapeDataString(status)}");

        AssertNames(await response.AssertProblemAsync(400), "status");
    }

    [Theory]
    [InlineData("pending,approved")]
    [InlineData("yes")]
    public async Task Bad_approval_status_is_400(string status)
    {
        using var response = await fixture.Agent.GetAsync($"/api/approvals?status={Uri.EscapeDataString(status)}");

        AssertNames(await response.AssertProblemAsync(400), "status");
    }

    [Fact]
    public async Task Bad_created_before_date_is_400()
    {
        using var response = await fixture.Agent.GetAsync($"/api/runs?created_before={_faker.Lorem.Word()}");

        AssertNames(await response.AssertProblemAsync(400), "created_before");
    }

    [Fact]
    public async Task Bad_limit_is_400()
    {
        using var response = await fixture.Agent.GetAsync("/api/runs?limit=-1");

        AssertNames(await response.AssertProblemAsync(400), "limit");
    }

    [Theory]
    [InlineData("from=yesterday&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("from=2026-01-01T00:00:00Z&to=soon", "to")]
    [InlineData("from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&format=xml", "format")]
    public async Task Bad_audit_export_parameter_is_400_naming_it(string query, string parameter)
    {
        using var auditor = await fixture.App.HumanClientAsync("auditor-" + _faker.Random.AlphaNumeric(8).ToLowerInvariant(), "auditors");

        using var response = await auditor.GetAsync($"/api/audit/events?{query}");

        AssertNames(await response.AssertProblemAsync(400), parameter);
    }
}
