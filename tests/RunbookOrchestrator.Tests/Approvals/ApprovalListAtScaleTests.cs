using System.Text.Json;
using System.Text.Json.Nodes;
using Bogus;
using RunbookOrchestrator.Approvals;

namespace RunbookOrchestrator.Tests.Approvals;

/// <summary>The approvals list filters by who may see a gate inside the query: no capped read of the newest gates first.</summary>
public sealed class ApprovalListAtScaleTests(GateStoreFixture fixture) : IClassFixture<GateStoreFixture>
{
    private readonly Faker _faker = new();

    private async Task SeedAsync(int count, string[] approvers, DateTimeOffset from, string requester = "someone-else")
    {
        await using var db = await fixture.Contexts.CreateDbContextAsync();
        // Inserted as the store inserts them (gate row and its approver entries), thousands at a time.
        for (var i = 0; i < count; i++)
        {
            var id = Guid.CreateVersion7().ToString("N");
            foreach (var entry in approvers)
                db.Add(new RunbookOrchestrator.Server.Persistence.Approvals.GateApproverEntity { GateId = id, Entry = entry });
            db.Add(new ApprovalGateData
            {
                Id = id,
                RunId = Guid.NewGuid().ToString("N"),
                StepId = "export",
                ExecutionId = Guid.NewGuid().ToString("N"),
                Source = "policy",
                ActionHash = new string('b', 64),
                Status = GateStatus.Pending,
                SpecJson = "{}",
                ApproversJson = JsonSerializer.Serialize(approvers),
                Quorum = 1,
                RequesterKind = "agent",
                RequesterName = requester,
                ContextText = "export",
                ActionJson = new JsonObject().ToJsonString(),
                CreatedAt = from.AddMilliseconds(i),
            });
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_reviewer_with_10_pending_gates_among_5000_newer_others_sees_exactly_their_10()
    {
        var me = $"reviewer-{_faker.Random.AlphaNumeric(8).ToLowerInvariant()}";
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        await SeedAsync(10, [me], start);
        await SeedAsync(5000, ["group:other-team", "someone_else"], start.AddHours(1));

        var page = await fixture.Store.QueryAsync(new ApprovalQuery(new Reviewer("human", me, ["sre"]), GateStatus.Pending, Limit: 100), CancellationToken.None);

        Assert.Equal(10, page.Items.Count);
        Assert.Equal(10, page.Total);
        Assert.Null(page.NextCursor);
        Assert.All(page.Items, g => Assert.Contains(me, g.ApproversJson));
    }

    [Fact]
    public async Task A_reviewer_pages_through_1000_gates_of_their_group_with_a_cursor_seeing_each_once()
    {
        var group = $"team-{_faker.Random.AlphaNumeric(8).ToLowerInvariant()}";
        await SeedAsync(1000, [$"group:{group}"], DateTimeOffset.UtcNow.AddDays(-2));
        var reviewer = new Reviewer("human", $"member-{_faker.Random.AlphaNumeric(6).ToLowerInvariant()}", [group]);

        var seen = new List<string>();
        ApprovalCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await fixture.Store.QueryAsync(new ApprovalQuery(reviewer, GateStatus.Pending, Limit: 100, Cursor: cursor), CancellationToken.None);
            Assert.Equal(1000, page.Total);
            seen.AddRange(page.Items.Select(g => g.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 20);

        Assert.Equal(10, pages);
        Assert.Equal(1000, seen.Count);
        Assert.Equal(1000, seen.Distinct().Count());
    }

    [Theory]
    [InlineData("a_b")]
    [InlineData("a%b")]
    public async Task A_name_with_an_underscore_or_percent_sign_matches_only_itself(string listed)
    {
        var unique = _faker.Random.AlphaNumeric(6).ToLowerInvariant();
        await SeedAsync(1, [$"{unique}{listed}"], DateTimeOffset.UtcNow.AddDays(-3));
        var lookalike = new Reviewer("human", $"{unique}{listed.Replace('_', 'x').Replace('%', 'x')}", []);

        var page = await fixture.Store.QueryAsync(new ApprovalQuery(lookalike), CancellationToken.None);

        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task An_escalation_makes_the_gate_visible_to_the_group_it_adds()
    {
        var added = $"security-{_faker.Random.AlphaNumeric(6).ToLowerInvariant()}";
        var gate = await fixture.PendingGateAsync(["group:sre"]);
        var member = new Reviewer("human", $"sec-{_faker.Random.AlphaNumeric(6).ToLowerInvariant()}", [added]);
        Assert.Equal(0, (await fixture.Store.QueryAsync(new ApprovalQuery(member), CancellationToken.None)).Total);

        Assert.True(await fixture.Store.UpdatePendingAsync(gate.Id, gate.Version,
            g => g.ApproversJson = JsonSerializer.Serialize(new[] { "group:sre", $"group:{added}" }), CancellationToken.None));

        var page = await fixture.Store.QueryAsync(new ApprovalQuery(member), CancellationToken.None);
        Assert.Equal(gate.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task An_agent_sees_only_the_gates_of_its_own_runs_not_a_humans_of_the_same_name()
    {
        var name = $"bot-{_faker.Random.AlphaNumeric(8).ToLowerInvariant()}";
        await SeedAsync(3, ["group:sre"], DateTimeOffset.UtcNow.AddDays(-4), requester: name);

        var asAgent = await fixture.Store.QueryAsync(new ApprovalQuery(new Reviewer("agent", name, [])), CancellationToken.None);
        var asHuman = await fixture.Store.QueryAsync(new ApprovalQuery(new Reviewer("human", name, [])), CancellationToken.None);

        Assert.Equal(3, asAgent.Total);
        Assert.Equal(0, asHuman.Total);
    }
}
