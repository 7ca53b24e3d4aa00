using System.Text.Json.Nodes;
using RunbookOrchestrator.Tests.Activities.Sql;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Approvals.Review;

/// <summary>A gate on a data export shows what would leave: row count, columns with their classification, a few rows masked,
/// from a read-only preview of the exact resolved query.</summary>
public sealed class ExportSummaryTests(ReviewFixture fixture) : IClassFixture<ReviewFixture>
{
    private OrchestratorApp App => fixture.App;

    private async Task<JsonNode> SummaryAsync(string runbook, object inputs)
    {
        var agent = await App.AgentClientAsync(fixture.Name());
        var reviewer = await App.HumanClientAsync(fixture.Name(), "data-owners");
        var (_, gateId) = await fixture.PendingGateAsync(agent, reviewer, runbook, inputs);
        return JsonNode.Parse(await reviewer.GetStringAsync($"/api/approvals/{gateId}"))!["export_summary"]!;
    }

    [Fact]
    public async Task An_export_gate_shows_the_row_count_of_the_bound_query_and_its_columns_classified()
    {
        var summary = await SummaryAsync("export", new { min_balance = 1000 });

        Assert.True(summary["available"]!.GetValue<bool>());
        Assert.Equal(fixture.Customers.Count("balance > 1000"), summary["row_count"]!.GetValue<long>());
        Assert.Equal([("id", "internal"), ("name", "pii"), ("email", "pii"), ("balance", "internal")],
            summary["columns"]!.AsArray().Select(c => (c!["name"]!.GetValue<string>(), c["classification"]!.GetValue<string>())));
    }

    [Fact]
    public async Task Sample_rows_show_internal_values_and_mask_personal_ones()
    {
        var summary = await SummaryAsync("export", new { min_balance = 1000 });

        var rows = summary["sample_rows"]!.AsArray();
        Assert.InRange(rows.Count, 1, 3);
        foreach (var row in rows.Select(r => r!.AsArray().Select(c => c!.GetValue<string>()).ToArray()))
        {
            Assert.Equal("[pii: name]", row[1]);
            Assert.Contains("***@", row[2]);
            Assert.True(double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture) > 1000);
        }
    }

    [Fact]
    public async Task The_count_is_what_the_row_cap_lets_out()
    {
        var summary = await SummaryAsync("export", new { min_balance = -1000000, max_rows = 5 });

        Assert.Equal(5, summary["row_count"]!.GetValue<int>());
        Assert.True(summary["truncated"]!.GetValue<bool>());
    }

    [Fact]
    public async Task The_preview_never_changes_data_even_on_a_writable_connection()
    {
        var before = fixture.Customers.Count();

        var summary = await SummaryAsync("purge", new { });

        Assert.False(summary["available"]!.GetValue<bool>());
        Assert.Contains("readonly", summary["error"]!.GetValue<string>());
        Assert.Equal(before, fixture.Customers.Count());
    }
}
