using System.Globalization;
using System.Text;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary>RFC 4180 CSV (CRLF lines, quotes doubled), with text cells that a spreadsheet would run as a formula defused by a leading quote.</summary>
public sealed class CsvRowWriter : IRowWriter
{
    public string Extension => "csv";

    public void WriteHeader(TextWriter writer, IReadOnlyList<string> columns) => WriteLine(writer, columns.Select(c => (object?)c).ToArray());

    public void WriteRow(TextWriter writer, IReadOnlyList<string> columns, object?[] values) => WriteLine(writer, values);

    private static void WriteLine(TextWriter writer, object?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Cell(cells[i]));
        }
        writer.Write("\r\n");
    }

    /// <summary>One cell's text. Only text values are defused: a number such as -5 is data, not a formula.</summary>
    public static string Cell(object? value)
    {
        var text = value switch
        {
            null or DBNull => "",
            string s => Defuse(s),
            byte[] bytes => Convert.ToBase64String(bytes),
            DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
            DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        return NeedsQuotes(text) ? Quote(text) : text;
    }

    private static string Defuse(string s) => s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;

    private static bool NeedsQuotes(string text) => text.IndexOfAny([',', '"', '\r', '\n']) >= 0;

    private static string Quote(string text) => new StringBuilder(text.Length + 2).Append('"').Append(text.Replace("\"", "\"\"")).Append('"').ToString();
}
