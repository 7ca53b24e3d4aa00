using System.Text;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Activities.Sql;

public sealed class SqlExportTests : IClassFixture<CustomerDatabase>, IDisposable
{
    private readonly string _exports = Path.Combine(Path.GetTempPath(), "rbo-exports-" + Guid.NewGuid().ToString("N"));
    private readonly ActivityTestHost _host;

    public SqlExportTests(CustomerDatabase database)
    {
        _host = new ActivityTestHost(o =>
        {
            o.ExportsDirectory = _exports;
            o.Connections["crm"] = new SqlConnectionOptions { Provider = "sqlite", ConnectionString = database.ConnectionString };
        });
    }

    public void Dispose()
    {
        _host.Dispose();
        if (Directory.Exists(_exports)) Directory.Delete(_exports, recursive: true);
    }

    private Task<ActivityResult> Export(string query, JsonObject? extra = null, string runId = "run-7", string stepId = "export")
    {
        var parameters = new JsonObject { ["connection"] = "crm", ["query"] = query, ["output"] = "file" };
        foreach (var (name, value) in extra ?? []) parameters[name] = value?.DeepClone();
        return _host.RunAsync("sql.query", parameters, stepId, runId);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Export_files_are_readable_by_the_owner_only_and_their_folder_enterable_by_the_owner_only()
    {
        ResultAssert.Done(await Export("SELECT id, email FROM customers WHERE id > 100 ORDER BY id", runId: "run-mode"));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_exports, "run-mode-export.csv")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_exports));
    }

    [Fact]
    public async Task Csv_export_is_named_after_run_and_step_by_default()
    {
        var output = ResultAssert.Done(await Export("SELECT id, email FROM customers WHERE id > 100 ORDER BY id"));

        Assert.Equal("run-7-export.csv", (string?)output!["path"]);
        Assert.Equal(3, (int)output["row_count"]!);
        Assert.Equal("csv", (string?)output["format"]);
        Assert.Equal(new FileInfo(Path.Combine(_exports, "run-7-export.csv")).Length, (long)output["bytes"]!);
    }

    [Fact]
    public async Task Csv_export_quotes_commas_quotes_and_line_breaks_as_rfc_4180_says()
    {
        ResultAssert.Done(await Export("SELECT id, name FROM customers WHERE id IN (101, 102) ORDER BY id", new JsonObject { ["file_name"] = "names.csv" }));

        var text = await File.ReadAllTextAsync(Path.Combine(_exports, "names.csv"));
        Assert.Equal("id,name\r\n101,\"Formula, Inc.\"\r\n102,\"Quote \"\"Q\"\" Ltd\"\r\n", text);
    }

    [Fact]
    public async Task Csv_export_defuses_text_cells_that_a_spreadsheet_would_run_as_formulas()
    {
        ResultAssert.Done(await Export("SELECT id, note FROM customers WHERE id IN (101, 102, 103) ORDER BY id", new JsonObject { ["file_name"] = "notes.csv" }));

        var text = await File.ReadAllTextAsync(Path.Combine(_exports, "notes.csv"));
        Assert.Equal(
            "id,note\r\n101,\"'=HYPERLINK(\"\"http://evil.example\"\")\"\r\n102,\"'+1 line one\nline two\"\r\n103,'@SUM(A1:A2)\r\n",
            text);
    }

    [Fact]
    public async Task Negative_numbers_in_csv_stay_numbers()
    {
        ResultAssert.Done(await Export("SELECT balance FROM customers WHERE id = 101", new JsonObject { ["file_name"] = "balance.csv" }));

        Assert.Equal("balance\r\n-12.5\r\n", await File.ReadAllTextAsync(Path.Combine(_exports, "balance.csv")));
    }

    [Fact]
    public async Task Json_lines_export_writes_one_object_per_row()
    {
        var output = ResultAssert.Done(await Export("SELECT id, email FROM customers ORDER BY id", new JsonObject { ["format"] = "jsonl" }));

        Assert.Equal("run-7-export.jsonl", (string?)output!["path"]);
        var lines = await File.ReadAllLinesAsync(Path.Combine(_exports, "run-7-export.jsonl"), Encoding.UTF8);
        Assert.Equal(CustomerDatabase.FakeCustomers + 3, lines.Length);
        Assert.All(lines, line => Assert.NotNull(JsonNode.Parse(line)!["email"]));
        Assert.Equal(1, (int)JsonNode.Parse(lines[0])!["id"]!);
    }

    [Fact]
    public async Task Export_beyond_max_rows_is_cut_and_reported_as_truncated()
    {
        var output = ResultAssert.Done(await Export("SELECT id FROM customers", new JsonObject { ["max_rows"] = 10 }));

        Assert.True((bool)output!["truncated"]!);
        Assert.Equal(10, (int)output["row_count"]!);
        Assert.Equal(11, (await File.ReadAllLinesAsync(Path.Combine(_exports, "run-7-export.csv"))).Length);
    }

    [Fact]
    public async Task Export_leaves_only_the_finished_file_behind()
    {
        ResultAssert.Done(await Export("SELECT * FROM customers"));

        Assert.Equal(["run-7-export.csv"], Directory.GetFiles(_exports).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("../escape.csv")]
    [InlineData("sub/dir.csv")]
    [InlineData("..")]
    [InlineData("/etc/cron.d/job")]
    public async Task File_name_that_could_leave_the_exports_directory_is_refused(string fileName)
    {
        var fault = ResultAssert.Faulted(await Export("SELECT 1", new JsonObject { ["file_name"] = fileName }));

        Assert.StartsWith("parameter 'file_name' must be a plain file name", fault.Error);
        Assert.False(Directory.Exists(_exports) && Directory.EnumerateFileSystemEntries(_exports).Any());
    }

    [Fact]
    public async Task Unknown_format_is_refused()
    {
        var fault = ResultAssert.Faulted(await Export("SELECT 1", new JsonObject { ["format"] = "xlsx" }));

        Assert.Equal("parameter 'format' must be csv or jsonl (got 'xlsx')", fault.Error);
    }
}
