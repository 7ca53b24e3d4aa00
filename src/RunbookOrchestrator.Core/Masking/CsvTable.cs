using System.Text;

namespace RunbookOrchestrator.Masking;

/// <summary>An RFC 4180 CSV document: a header row and data rows, read and written without losing quoting or line breaks in cells.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string NewLine)
{
    /// <summary>Parses CSV text; the first row is the header. Throws <see cref="FormatException"/> naming the line of an unterminated quote.</summary>
    public static CsvTable Parse(string csv)
    {
        var newLine = csv.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var rows = new List<IReadOnlyList<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var line = 1;
        var quoteLine = 0;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; cell.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; quoteLine = line; break;
                case ',': row.Add(cell.ToString()); cell.Clear(); break;
                case '\r' when i + 1 < csv.Length && csv[i + 1] == '\n': break;
                case '\n':
                    row.Add(cell.ToString()); cell.Clear();
                    rows.Add(row); row = []; line++;
                    break;
                default: cell.Append(c); break;
            }
        }
        if (quoted) throw new FormatException($"CSV line {quoteLine}: a quoted cell is never closed.");
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add(row); }
        if (rows.Count == 0) return new CsvTable([], [], newLine);
        return new CsvTable(rows[0], rows.Skip(1).ToList(), newLine);
    }

    /// <summary>Writes the table back as CSV, quoting cells that need it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteRow(sb, Header);
        foreach (var row in Rows) WriteRow(sb, row);
        return sb.ToString();
    }

    private void WriteRow(StringBuilder sb, IReadOnlyList<string> row)
    {
        for (var i = 0; i < row.Count; i++)
        {
            if (i > 0) sb.Append(',');
            var cell = row[i];
            if (cell.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else sb.Append(cell);
        }
        sb.Append(NewLine);
    }
}
