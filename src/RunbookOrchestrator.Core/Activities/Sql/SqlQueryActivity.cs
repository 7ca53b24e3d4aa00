using RunbookOrchestrator.Definitions;
using System.Data.Common;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary><c>sql.query</c>: one parameterised statement on a named connection, results to the step output or to an export file.</summary>
public sealed class SqlQueryActivity(IOptions<ActivityOptions> options) : IActivity
{
    public ActivityDescriptor Descriptor { get; } = new(
        "sql.query",
        "Runs one SQL statement with bound parameters on a configured connection.",
        [
            new ActivityParameter("connection", "string", true, "Connection name from configuration"),
            new ActivityParameter("query", "string", true, "One SQL statement; values go through @name parameters", ParameterKind.Literal),
            new ActivityParameter("parameters", "object", false, "Values bound to @name placeholders, never spliced into the text"),
            new ActivityParameter("max_rows", "int", false, "Row cap (default 1000)"),
            new ActivityParameter("output", "string", false, "rows (default) or file"),
            new ActivityParameter("format", "string", false, "csv (default) or jsonl, for output: file"),
            new ActivityParameter("file_name", "string", false, "Export file name (default {runId}-{stepId}.{ext})"),
            new ActivityParameter("timeout", "duration", false, "Command timeout (default 30s)"),
        ],
        [Outcomes.Done, Outcomes.Failed],
        Category: ActivityCategories.Data);

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        SqlQueryPlan plan;
        try
        {
            plan = SqlQueryPlan.Read(new ParameterReader(context.Parameters), context.RunId, context.Step.Id);
        }
        catch (ParameterException ex)
        {
            return ActivityResult.Fail(ex.Message);
        }

        var name = plan.Connection;
        if (!options.Value.Connections.TryGetValue(name, out var connection))
            return ActivityResult.Fail($"unknown connection '{name}'");
        var exportsDirectory = options.Value.ExportsDirectory;
        if (plan.Export is not null && string.IsNullOrWhiteSpace(exportsDirectory))
            return ActivityResult.Fail("output: file needs an exports directory, and none is configured");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(plan.Timeout);
        context.Logger.LogInformation("SQL query on connection {Connection} for run {RunId} step {StepId}", name, context.RunId, context.Step.Id);
        try
        {
            await using var session = await SqlSession.OpenAsync(connection, deadline.Token);
            await using var command = session.CreateCommand(plan.Query, plan.Parameters, plan.Timeout);
            using var interrupt = deadline.Token.Register(session.Interrupt);
            await using var rows = await command.ExecuteReaderAsync(deadline.Token);
            var output = plan.Export is null
                ? await SqlRows.ReadAsync(rows, plan.MaxRows, deadline.Token)
                : await SqlExportWriter.WriteAsync(exportsDirectory!, plan.Export, rows, plan.MaxRows, deadline.Token);
            context.Logger.LogInformation("SQL query on connection {Connection} returned {Rows} rows", name, (int?)output["row_count"]);
            return ActivityResult.Done(output);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DbException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ActivityResult.Fail($"query on connection '{name}' timed out after {DurationText.Format(plan.Timeout)}", retryable: true);
        }
        catch (DbException ex)
        {
            return ActivityResult.Fail($"query on connection '{name}' failed: {ex.Message}", ex.IsTransient);
        }
        catch (NotSupportedException ex)
        {
            return ActivityResult.Fail($"connection '{name}': {ex.Message}");
        }
        catch (ArgumentException)
        {
            // The connection string may hold a password, so its parser's message is not repeated.
            return ActivityResult.Fail($"connection '{name}' has an invalid connection string");
        }
        catch (IOException ex)
        {
            return ActivityResult.Fail($"export for connection '{name}' could not be written: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            return ActivityResult.Fail($"export for connection '{name}' could not be written: {ex.Message}");
        }
    }
}
