using System.Data.Common;
using System.Text;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Protection;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary>Streams query rows into an export file that appears only once it is complete.</summary>
public static class SqlExportWriter
{
    /// <summary>Writes at most <paramref name="maxRows"/> rows and returns the step output describing the file.</summary>
    public static async Task<JsonObject> WriteAsync(string directory, SqlExportTarget target, DbDataReader rows, int maxRows, CancellationToken cancellationToken)
    {
        directory = Path.GetFullPath(directory);
        OwnerOnlyFile.CreateDirectory(directory);
        var finalPath = Path.Combine(directory, target.FileName);
        // Written beside the target and renamed at the end, so readers never see half an export, even after a crash.
        var tempPath = Path.Combine(directory, $".{target.FileName}.{Guid.NewGuid():N}.tmp");
        var columns = SqlRows.Columns(rows);
        var count = 0;
        var truncated = false;
        try
        {
            // Exports hold customer data: 0600 from creation, kept across the rename.
            await using (var stream = OwnerOnlyFile.Create(tempPath, FileMode.CreateNew))
            await using (var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                target.Writer.WriteHeader(text, columns);
                var values = new object[columns.Length];
                while (await rows.ReadAsync(cancellationToken))
                {
                    if (count == maxRows) { truncated = true; break; }
                    rows.GetValues(values);
                    target.Writer.WriteRow(text, columns, values);
                    count++;
                }
                await text.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(tempPath, finalPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(tempPath)) File.Delete(tempPath);
        }

        return new JsonObject
        {
            ["path"] = target.FileName,
            ["row_count"] = count,
            ["columns"] = SqlRows.ColumnArray(columns),
            ["format"] = target.Writer.Extension,
            ["truncated"] = truncated,
            ["bytes"] = new FileInfo(finalPath).Length,
        };
    }
}
