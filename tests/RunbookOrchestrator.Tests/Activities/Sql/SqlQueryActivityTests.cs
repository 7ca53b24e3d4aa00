using System.Text.Json.Nodes;
using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Activities.Sql;

public sealed class SqlQueryActivityTests : IClassFixture<CustomerDatabase>, IDisposable
{
    private readonly CustomerDatabase _database;
    private readonly ActivityTestHost _host;

    public SqlQueryActivityTests(CustomerDatabase database)
    {
        _database = database;
        _host = new ActivityTestHost(o =>
        {
            o.Connections["crm"] = new SqlConnectionOptions { Provider = "sqlite", ConnectionString = database.ConnectionString };
            o.Connections["crm_rw"] = new SqlConnectionOptions { Provider = "sqlite", ConnectionString = database.ConnectionString, ReadOnly = false };
        });
    }

    public void Dispose() => _host.Dispose();

    private Task<ActivityResult> Query(JsonObject parameters, string connection = "crm")
    {
        parameters["connection"] ??= connection;
        return _host.RunAsync("sql.query", parameters);
    }

    [Fact]
    public async Task Regression_a_second_query_on_a_pooled_read_only_sqlite_connection_is_not_refused_as_a_write()
    {
        // Pooled connections kept query_only from the first session, and the second one's BEGIN IMMEDIATE was refused.
        using var host = new ActivityTestHost(o => o.Connections["pooled"] = new SqlConnectionOptions
        {
            Provider = "sqlite", ConnectionString = $"Data Source={_database.FilePath};Mode=ReadOnly;Pooling=True",
        });
        var query = () => new JsonObject { ["connection"] = "pooled", ["query"] = "SELECT COUNT(*) AS n FROM customers" };

        ResultAssert.Done(await host.RunAsync("sql.query", query()));
        var second = ResultAssert.Done(await host.RunAsync("sql.query", query()));

        Assert.Equal(CustomerDatabase.FakeCustomers + 3, (long)second!["rows"]![0]!["n"]!);
    }

    [Fact]
    public async Task Bound_parameter_selects_the_matching_customer()
    {
        var output = ResultAssert.Done(await Query(new JsonObject
        {
            ["query"] = "SELECT id, email FROM customers WHERE id = @id",
            ["parameters"] = new JsonObject { ["id"] = 101 },
        }));

        Assert.Equal(1, (int)output!["row_count"]!);
        Assert.Equal("formula@example.org", (string?)output["rows"]![0]!["email"]);
        Assert.Equal(["id", "email"], output["columns"]!.AsArray().Select(c => (string)c!));
    }

    [Fact]
    public async Task Rendered_template_value_arrives_as_text_and_still_matches_an_integer_column()
    {
        var output = ResultAssert.Done(await Query(new JsonObject
        {
            ["query"] = "SELECT name FROM customers WHERE id = @id",
            ["parameters"] = new JsonObject { ["id"] = "102" },
        }));

        Assert.Equal("Quote \"Q\" Ltd", (string?)output!["rows"]![0]!["name"]);
    }

    [Fact]
    public async Task Injection_text_in_a_parameter_matches_nothing()
    {
        var output = ResultAssert.Done(await Query(new JsonObject
        {
            ["query"] = "SELECT id FROM customers WHERE id = @id",
            ["parameters"] = new JsonObject { ["id"] = "1 OR 1=1" },
        }));

        Assert.Equal(0, (int)output!["row_count"]!);
    }

    [Fact]
    public async Task Rows_beyond_max_rows_are_cut_and_reported_as_truncated()
    {
        var output = ResultAssert.Done(await Query(new JsonObject { ["query"] = "SELECT id FROM customers ORDER BY id", ["max_rows"] = 5 }));

        Assert.Equal(5, (int)output!["row_count"]!);
        Assert.Equal(5, output["rows"]!.AsArray().Count);
        Assert.True((bool)output["truncated"]!);
    }

    [Fact]
    public async Task Result_exactly_at_max_rows_is_not_truncated()
    {
        var output = ResultAssert.Done(await Query(new JsonObject { ["query"] = "SELECT id FROM customers WHERE id > 100", ["max_rows"] = "3" }));

        Assert.Equal(3, (int)output!["row_count"]!);
        Assert.False((bool)output["truncated"]!);
    }

    [Fact]
    public async Task Second_statement_is_refused_and_nothing_runs()
    {
        var fault = ResultAssert.Faulted(await Query(new JsonObject { ["query"] = "SELECT 1; DELETE FROM customers" }, "crm_rw"));

        Assert.Equal("parameter 'query' must be a single SQL statement", fault.Error);
        Assert.Equal(CustomerDatabase.FakeCustomers + 3, _database.Count());
    }

    [Fact]
    public async Task Semicolon_inside_a_string_literal_is_part_of_one_statement()
    {
        var output = ResultAssert.Done(await Query(new JsonObject { ["query"] = "SELECT 'a;b' AS text; -- trailing comment" }));

        Assert.Equal("a;b", (string?)output!["rows"]![0]!["text"]);
    }

    [Fact]
    public async Task Template_braces_left_in_the_query_are_refused()
    {
        var fault = ResultAssert.Faulted(await Query(new JsonObject { ["query"] = "SELECT * FROM customers WHERE id = {{ inputs.id }}" }));

        Assert.Contains("must not contain {{ }} templates", fault.Error);
    }

    [Fact]
    public async Task Unknown_connection_is_named_in_a_fault_that_is_not_retried()
    {
        var fault = ResultAssert.Faulted(await Query(new JsonObject { ["query"] = "SELECT 1" }, "billing"));

        Assert.Equal("unknown connection 'billing'", fault.Error);
        Assert.False(fault.Retryable);
    }

    [Fact]
    public async Task Read_only_connection_refuses_a_write()
    {
        var fault = ResultAssert.Faulted(await Query(new JsonObject
        {
            ["query"] = "UPDATE customers SET balance = 0 WHERE id = @id",
            ["parameters"] = new JsonObject { ["id"] = 101 },
        }));

        Assert.Contains("connection 'crm'", fault.Error);
        Assert.Equal(1, _database.Count("id = 101 AND balance = -12.5"));
    }

    [Fact]
    public async Task Unknown_table_is_a_fault_naming_the_connection()
    {
        var fault = ResultAssert.Faulted(await Query(new JsonObject { ["query"] = "SELECT * FROM no_such_table" }));

        Assert.StartsWith("query on connection 'crm' failed:", fault.Error);
        Assert.Contains("no_such_table", fault.Error);
    }

    [Fact]
    public async Task Parameter_name_with_odd_characters_is_refused()
    {
        var fault = ResultAssert.Faulted(await Query(new JsonObject
        {
            ["query"] = "SELECT 1",
            ["parameters"] = new JsonObject { ["id; drop"] = 1 },
        }));

        Assert.Contains("parameter name 'id; drop'", fault.Error);
    }

    [Fact]
    public async Task Null_and_numbers_come_back_as_json_values()
    {
        var output = ResultAssert.Done(await Query(new JsonObject { ["query"] = "SELECT NULL AS empty, 2.5 AS half, 7 AS whole" }));

        var row = output!["rows"]![0]!;
        Assert.Null(row["empty"]);
        Assert.Equal(2.5, (double)row["half"]!);
        Assert.Equal(7, (long)row["whole"]!);
    }

    [Fact]
    public async Task Query_running_past_its_timeout_is_interrupted_as_a_retryable_fault()
    {
        var fault = ResultAssert.Faulted(await Query(new JsonObject
        {
            ["query"] = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000000000) SELECT count(*) FROM n",
            ["timeout"] = "1s",
        }));

        Assert.Equal("query on connection 'crm' timed out after 1s", fault.Error);
        Assert.True(fault.Retryable);
    }

    [Fact]
    public async Task Unsupported_provider_is_named_in_the_fault()
    {
        using var host = new ActivityTestHost(o => o.Connections["legacy"] = new SqlConnectionOptions { Provider = "oracle", ConnectionString = "x" });

        var fault = ResultAssert.Faulted(await host.RunAsync("sql.query", new JsonObject { ["connection"] = "legacy", ["query"] = "SELECT 1" }));

        Assert.Equal("connection 'legacy': provider 'oracle' is not supported; use sqlite or postgres", fault.Error);
    }

    [Fact]
    public async Task Invalid_connection_string_is_reported_without_repeating_it()
    {
        using var host = new ActivityTestHost(o => o.Connections["broken"] = new SqlConnectionOptions { ConnectionString = "Data Source=x;Password=hunter2;Bogus Key=1" });

        var fault = ResultAssert.Faulted(await host.RunAsync("sql.query", new JsonObject { ["connection"] = "broken", ["query"] = "SELECT 1" }));

        Assert.Equal("connection 'broken' has an invalid connection string", fault.Error);
    }
}
