namespace RunbookOrchestrator.Activities.Sql;

/// <summary>Writes query rows to an export file in one format.</summary>
public interface IRowWriter
{
    string Extension { get; }
    void WriteHeader(TextWriter writer, IReadOnlyList<string> columns);
    void WriteRow(TextWriter writer, IReadOnlyList<string> columns, object?[] values);
}
