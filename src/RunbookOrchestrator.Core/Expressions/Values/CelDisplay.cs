using System.Globalization;
using System.Text;

namespace RunbookOrchestrator.Expressions;

/// <summary>Renders values the way CEL's <c>string()</c> does for scalars, and a readable CEL-like literal for the rest.</summary>
internal static class CelDisplay
{
    public static string Format(CelValue value) => value switch
    {
        CelInt i => i.Value.ToString(CultureInfo.InvariantCulture),
        CelUint u => u.Value.ToString(CultureInfo.InvariantCulture),
        CelDouble d => CelDoubleFormat.Format(d.Value),
        CelBool b => b.Value ? "true" : "false",
        CelString s => s.Value,
        CelBytes b => Convert.ToBase64String(b.Value),
        CelNull => "null",
        CelType t => t.Name,
        CelList l => "[" + string.Join(", ", l.Items.Select(Quoted)) + "]",
        CelMap m => "{" + string.Join(", ", m.Entries.Select(e => Quoted(e.Key) + ": " + Quoted(e.Value))) + "}",
        CelError e => e.Message,
        _ => value.TypeName,
    };

    private static string Quoted(CelValue value) => value switch
    {
        CelString s => "\"" + new StringBuilder(s.Value).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
        CelUint u => u.Value.ToString(CultureInfo.InvariantCulture) + "u",
        _ => Format(value),
    };
}
