using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Server.Cli;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Audit;

/// <summary>Runs the real <c>audit</c> verb against a real database file.</summary>
public class AuditCommandTests
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(string dataDir, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = new CliConsole(TextReader.Null, output, error) { DataDirectory = dataDir };
        var code = await CliCommands.Find(["audit"])!.RunAsync(args, console);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Audit_verify_exits_zero_on_an_untouched_database()
    {
        await using var database = await AuditDatabase.WithEventsAsync(3);

        var result = await RunAsync(database.DataDir, "verify");

        Assert.Equal(0, result.Code);
        Assert.Contains("OK: 3 record(s)", result.Out);
    }

    [Fact]
    public async Task Audit_verify_exits_one_and_names_the_changed_record()
    {
        await using var database = await AuditDatabase.WithEventsAsync(4);
        await database.DropTriggersAsync();
        await database.ExecuteSqlAsync("UPDATE audit_events SET client_address = '203.0.113.9' WHERE sequence = 2");

        var result = await RunAsync(database.DataDir, "verify");

        Assert.Equal(1, result.Code);
        Assert.Contains("BROKEN at record 2:", result.Out);
    }

    [Fact]
    public async Task Audit_export_writes_the_chosen_window_as_csv_to_a_file()
    {
        await using var database = await AuditDatabase.WithEventsAsync(5);
        var file = Path.Combine(database.DataDir, "export.csv");

        var result = await RunAsync(database.DataDir, "export", "--from", "2026-11-22T08:01:00Z", "--to", "2026-11-22T08:03:00Z", "--format", "csv", "--out", file);

        Assert.Equal(0, result.Code);
        Assert.Contains("Exported 2 event(s)", result.Out);
        var rows = (await File.ReadAllTextAsync(file)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["sequence", "2,", "3,"], rows.Select(r => r[..(r.StartsWith("sequence") ? 8 : 2)]));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Audit_export_file_is_readable_by_its_owner_only_even_when_it_existed_before()
    {
        await using var database = await AuditDatabase.WithEventsAsync(2);
        var file = Path.Combine(database.DataDir, "export.csv");
        await File.WriteAllTextAsync(file, "old");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var result = await RunAsync(database.DataDir, "export", "--format", "csv", "--out", file);

        Assert.Equal(0, result.Code);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Audit_export_with_an_unreadable_time_is_a_usage_error_naming_the_option()
    {
        await using var database = await AuditDatabase.CreateAsync();

        var result = await RunAsync(database.DataDir, "export", "--from", "last tuesday");

        Assert.Equal(2, result.Code);
        Assert.Contains("--from is not an ISO 8601 time", result.Error);
    }

    [Fact]
    public async Task Audit_verify_with_the_anchor_it_printed_earlier_catches_a_rewrite_of_the_whole_chain()
    {
        await using var database = await AuditDatabase.WithEventsAsync(3);
        var first = await RunAsync(database.DataDir, "verify");
        var anchor = first.Out.Split('\n').Single(l => l.StartsWith("anchor: ", StringComparison.Ordinal))["anchor: ".Length..].Trim();
        var events = await database.ReadAllAsync();
        var forged = events[2] with { Reason = "rewritten" };
        var hash = AuditHash.Compute(forged.PrevHash, forged);
        await database.DropTriggersAsync();
        await database.ExecuteSqlAsync($"UPDATE audit_events SET reason = 'rewritten', hash = '{hash}' WHERE sequence = 3; UPDATE audit_head SET hash = '{hash}';");

        var withoutAnchor = await RunAsync(database.DataDir, "verify");
        var withAnchor = await RunAsync(database.DataDir, "verify", "--anchor", anchor);

        Assert.Equal(0, withoutAnchor.Code);
        Assert.Equal(1, withAnchor.Code);
        Assert.Contains("BROKEN at record 3:", withAnchor.Out);
    }

    [Fact]
    public async Task Audit_verify_with_a_malformed_anchor_is_a_usage_error()
    {
        await using var database = await AuditDatabase.CreateAsync();

        var result = await RunAsync(database.DataDir, "verify", "--anchor", "42");

        Assert.Equal(2, result.Code);
        Assert.Contains("SEQUENCE:HASH", result.Error);
    }
}
