using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Activities;
using RunbookOrchestrator.Activities.Sql;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Masking;

namespace RunbookOrchestrator.Approvals.Review;

/// <summary>Shows a reviewer what a gated <c>sql.query</c> would let leave: it runs the resolved statement once, read-only, on the same
/// named connection with the same bound parameters, counts the rows the export would write and keeps a few of them, masked.
/// Nothing raw is kept: the result is an <see cref="ExportSummary"/> as JSON.</summary>
public sealed class ExportPreview(IOptions<ActivityOptions> options, IMasker masker, ILogger<ExportPreview> logger)
{
    /// <summary>Sample rows a reviewer sees.</summary>
    public const int SampleRows = 3;

    /// <summary>Rows whose values are scanned to classify columns.</summary>
    public const int ClassifiedRows = 200;

    /// <summary>The longest a preview may take; a gate still opens when it runs out, and says so.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The masked summary of the export the resolved <paramref name="parameters"/> describe; a preview that cannot run says why instead.</summary>
    public async Task<JsonObject> SummariseAsync(JsonObject parameters, string runId, string stepId, CancellationToken cancellationToken)
    {
        SqlQueryPlan plan;
        try
        {
            plan = SqlQueryPlan.Read(new ParameterReader(parameters), runId, stepId);
        }
        catch (ParameterException ex)
        {
            return Unavailable(null, ex.Message);
        }
        if (!options.Value.Connections.TryGetValue(plan.Connection, out var configured))
            return Unavailable(plan, $"unknown connection '{plan.Connection}'");

        // Always read-only, whatever the connection allows: a preview must never change data, and the action itself is not approved yet.
        var readOnly = new SqlConnectionOptions { Provider = configured.Provider, ConnectionString = configured.ConnectionString, ReadOnly = true };
        var limit = plan.Timeout < Timeout ? plan.Timeout : Timeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await using var session = await SqlSession.OpenAsync(readOnly, deadline.Token);
            await using var command = session.CreateCommand(plan.Query, plan.Parameters, limit);
            using var interrupt = deadline.Token.Register(session.Interrupt);
            await using var reader = await command.ExecuteReaderAsync(deadline.Token);
            var header = SqlRows.Columns(reader);
            var scanned = new List<IReadOnlyList<string>>();
            var count = 0;
            var truncated = false;
            // The same statement, read as far as the export would read it (its row cap plus one to learn whether the cap cuts it),
            // so the count is the export's, not an estimate from a rewritten COUNT(*).
            while (await reader.ReadAsync(deadline.Token))
            {
                if (count == plan.MaxRows) { truncated = true; break; }
                if (scanned.Count < ClassifiedRows) scanned.Add(Cells(reader, header.Length));
                count++;
            }
            var summary = ExportSummary.Of(header, scanned, count, masker, null, SampleRows);
            return Available(plan, summary, truncated, scanned.Count);
        }
        catch (Exception ex) when (ex is OperationCanceledException or DbException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Unavailable(plan, $"the preview did not finish within {DurationText.Format(limit)}");
        }
        catch (DbException ex)
        {
            logger.LogInformation("Export preview for run {RunId} step {StepId} failed on connection {Connection}", runId, stepId, plan.Connection);
            return Unavailable(plan, $"the preview query failed: {masker.MaskText(ex.Message).Text}");
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            // The connection string may hold a password, so its parser's message is not repeated.
            return Unavailable(plan, $"connection '{plan.Connection}' could not be opened for a preview");
        }
    }

    private static IReadOnlyList<string> Cells(DbDataReader reader, int width)
    {
        var cells = new string[width];
        for (var i = 0; i < width; i++)
            cells[i] = SqlValues.ToJson(reader.GetValue(i)) switch
            {
                null => "",
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                var other => other.ToJsonString(),
            };
        return cells;
    }

    private JsonObject Available(SqlQueryPlan plan, ExportSummary summary, bool truncated, int scanned) => new()
    {
        ["available"] = true,
        ["connection"] = plan.Connection,
        ["destination"] = plan.Export is null ? "step output" : masker.MaskText($"file {plan.Export.FileName}").Text,
        ["row_count"] = summary.RowCount,
        ["max_rows"] = plan.MaxRows,
        ["truncated"] = truncated,
        ["classified_from_rows"] = scanned,
        ["columns"] = new JsonArray(summary.Columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["classification"] = c.Classification.ToString().ToLowerInvariant(),
            ["detected"] = new JsonArray(c.DetectedTypes.Select(t => (JsonNode?)t).ToArray()),
        }).ToArray()),
        ["sample_rows"] = new JsonArray(summary.SampleRows.Select(r => (JsonNode)new JsonArray(r.Select(v => (JsonNode?)v).ToArray())).ToArray()),
    };

    private static JsonObject Unavailable(SqlQueryPlan? plan, string why) => new()
    {
        ["available"] = false,
        ["connection"] = plan?.Connection,
        ["error"] = why,
    };
}
