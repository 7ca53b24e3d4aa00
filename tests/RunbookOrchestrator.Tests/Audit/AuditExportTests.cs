using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Persistence.Audit;
using RunbookOrchestrator.Audit;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>Exports from a real database: only the events inside the window, every field, each format's rules.</summary>
public class AuditExportTests
{
    private static async Task<string> ExportAsync(AuditDatabase database, AuditExportFormat format, DateTimeOffset? from, DateTimeOffset? to)
    {
        await using var scope = database.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<AuditStore>();
        var output = new StringWriter();
        await AuditExportFormats.WriteAsync(format, store.ReadAsync(from, to), output);
        return output.ToString();
    }

    [Fact]
    public async Task Json_lines_export_holds_exactly_the_events_in_the_time_range_with_every_field()
    {
        await using var database = await AuditDatabase.WithEventsAsync(6);
        var all = await database.ReadAllAsync();

        var text = await ExportAsync(database, AuditExportFormat.JsonLines, AuditDatabase.Start.AddMinutes(2), AuditDatabase.Start.AddMinutes(5));

        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([3L, 4L, 5L], lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("sequence").GetInt64()));
        var third = JsonDocument.Parse(lines[0]).RootElement;
        var expected = all[2];
        Assert.Equal(expected.At, DateTimeOffset.Parse(third.GetProperty("at").GetString()!));
        Assert.Equal(expected.Kind, third.GetProperty("kind").GetString());
        Assert.Equal(expected.ActorKind, third.GetProperty("actor_kind").GetString());
        Assert.Equal(expected.ActorName, third.GetProperty("actor_name").GetString());
        Assert.Equal(expected.RunId, third.GetProperty("run_id").GetString());
        Assert.Equal(expected.StepId, third.GetProperty("step_id").GetString());
        Assert.Equal(expected.Channel, third.GetProperty("channel").GetString());
        Assert.Equal(expected.ClientAddress, third.GetProperty("client_address").GetString());
        Assert.Equal(expected.Reason, third.GetProperty("reason").GetString());
        Assert.Equal(expected.DataJson, third.GetProperty("data_json").GetString());
        Assert.Equal(expected.PrevHash, third.GetProperty("prev_hash").GetString());
        Assert.Equal(expected.Hash, third.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Json_lines_export_lets_anyone_recompute_every_hash()
    {
        await using var database = await AuditDatabase.WithEventsAsync(4);

        var text = await ExportAsync(database, AuditExportFormat.JsonLines, null, null);

        var events = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<AuditEvent>(l, new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        })!).ToList();
        Assert.Equal(4, events.Count);
        Assert.True(AuditVerifier.Verify(events, new AuditHead(events[^1].Sequence, events[^1].Hash)).Ok);
    }

    [Fact]
    public async Task Csv_export_holds_exactly_the_events_in_the_time_range_with_every_field()
    {
        await using var database = await AuditDatabase.WithEventsAsync(6);
        var all = await database.ReadAllAsync();

        var text = await ExportAsync(database, AuditExportFormat.Csv, AuditDatabase.Start.AddMinutes(4), null);

        var rows = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("sequence,at,kind,actor_kind,actor_name,run_id,step_id,channel,client_address,reason,data_json,prev_hash,hash", rows[0]);
        Assert.Equal(3, rows.Length);
        var fifth = all[4];
        Assert.StartsWith($"5,{AuditCanonicalForm.FormatTime(fifth.At)},{fifth.Kind},{fifth.ActorKind},{fifth.ActorName},{fifth.RunId},", rows[1]);
        Assert.Contains(AuditCsvWriter.Cell(fifth.DataJson), rows[1]);
        Assert.EndsWith($",{fifth.PrevHash},{fifth.Hash}", rows[1]);
        Assert.StartsWith("6,", rows[2]);
    }

    [Fact]
    public void Csv_cells_a_spreadsheet_would_run_as_formulas_are_prefixed_with_a_quote()
    {
        Assert.Equal("'=1+2", AuditCsvWriter.Cell("=1+2"));
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\")\"", AuditCsvWriter.Cell("=HYPERLINK(\"http://x\")"));
        Assert.Equal("'+1", AuditCsvWriter.Cell("+1"));
        Assert.Equal("'-2", AuditCsvWriter.Cell("-2"));
        Assert.Equal("'@SUM(A1)", AuditCsvWriter.Cell("@SUM(A1)"));
        Assert.Equal("plain", AuditCsvWriter.Cell("plain"));
    }

    [Fact]
    public void Csv_cells_with_commas_quotes_or_line_breaks_are_quoted_with_doubled_quotes()
    {
        Assert.Equal("\"a,b\"", AuditCsvWriter.Cell("a,b"));
        Assert.Equal("\"say \"\"yes\"\"\"", AuditCsvWriter.Cell("say \"yes\""));
        Assert.Equal("\"two\nlines\"", AuditCsvWriter.Cell("two\nlines"));
        Assert.Equal("", AuditCsvWriter.Cell(null));
    }

    [Fact]
    public void A_time_range_with_from_after_to_is_refused_naming_both_bounds()
    {
        var ok = AuditTimeRange.TryParse("2026-11-23T00:00:00Z", "2026-11-22T00:00:00Z", out _, out var error);

        Assert.False(ok);
        Assert.Contains("'from'", error);
        Assert.Contains("'to'", error);
    }

    [Fact]
    public void A_time_that_is_not_iso_8601_is_refused_naming_the_bound()
    {
        var ok = AuditTimeRange.TryParse("yesterday", null, out _, out var error);

        Assert.False(ok);
        Assert.Contains("'from' is not an ISO 8601 time: 'yesterday'", error);
    }
}
