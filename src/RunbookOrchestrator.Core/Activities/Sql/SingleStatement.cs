namespace RunbookOrchestrator.Activities.Sql;

/// <summary>Tells whether SQL text holds exactly one statement, skipping literals, quoted names and comments.</summary>
/// <remarks>Parameter values are bound, but the query text itself is rendered before the step runs, so a second statement is refused outright.</remarks>
public static class SingleStatement
{
    /// <summary>True when nothing but whitespace, comments or semicolons follows the first semicolon outside quotes.</summary>
    public static bool Holds(string sql)
    {
        var i = 0;
        var ended = false;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && Next(sql, i) == '-') { i = SkipLineComment(sql, i); continue; }
            if (c == '/' && Next(sql, i) == '*') { i = SkipBlockComment(sql, i); continue; }
            if (c == ';') { ended = true; i++; continue; }
            if (ended) return false;
            i = c switch
            {
                '\'' => SkipQuoted(sql, i, '\''),
                '"' => SkipQuoted(sql, i, '"'),
                '`' => SkipQuoted(sql, i, '`'),
                '[' => SkipQuoted(sql, i, ']'),
                '$' => SkipDollarQuoted(sql, i),
                _ => i + 1,
            };
        }
        return true;
    }

    private static char Next(string s, int i) => i + 1 < s.Length ? s[i + 1] : '\0';

    private static int SkipLineComment(string s, int i)
    {
        var end = s.IndexOf('\n', i);
        return end < 0 ? s.Length : end + 1;
    }

    private static int SkipBlockComment(string s, int i)
    {
        var end = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
        return end < 0 ? s.Length : end + 2;
    }

    // A doubled closing character inside the literal is an escaped one, so it simply restarts the scan.
    private static int SkipQuoted(string s, int i, char close)
    {
        var end = s.IndexOf(close, i + 1);
        return end < 0 ? s.Length : end + 1;
    }

    // PostgreSQL $tag$ ... $tag$ strings; a '$' not opening one (such as $1) is an ordinary character.
    private static int SkipDollarQuoted(string s, int i)
    {
        var j = i + 1;
        while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_')) j++;
        if (j >= s.Length || s[j] != '$' || (j > i + 1 && char.IsDigit(s[i + 1]))) return i + 1;
        var tag = s[i..(j + 1)];
        var end = s.IndexOf(tag, j + 1, StringComparison.Ordinal);
        return end < 0 ? s.Length : end + tag.Length;
    }
}
