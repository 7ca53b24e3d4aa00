namespace RunbookOrchestrator.Templates;

/// <summary>Splits a Handlebars template into its <c>{{ }}</c> tags, checks their syntax with exact columns, and lists
/// the root-scope paths they read. Handlebars.Net itself reports most errors without a position, hence this pass.</summary>
internal static class TemplateScanner
{
    /// <summary>Helpers the renderer provides; anything else called with arguments is an error.</summary>
    public static readonly string[] Helpers = ["if", "unless", "each", "with", "lookup"];

    // Blocks whose body keeps the outer context; inside each/with, bare paths are relative to the item.
    private static readonly string[] ContextKeepingBlocks = ["if", "unless"];

    public static TemplateScan Scan(string template)
    {
        var paths = new List<string>();
        var blocks = new Stack<(string Name, int Column)>();
        var index = 0;
        while (true)
        {
            var open = template.IndexOf("{{", index, StringComparison.Ordinal);
            if (open < 0) break;
            var triple = template.AsSpan(open).StartsWith("{{{");
            var contentStart = open + (triple ? 3 : 2);
            if (template.AsSpan(contentStart).StartsWith("!--"))
            {
                var endComment = template.IndexOf("--}}", contentStart, StringComparison.Ordinal);
                if (endComment < 0) return Fail("comment '{{!--' is never closed with '--}}'", open);
                index = endComment + 4;
                continue;
            }
            var closeToken = triple ? "}}}" : "}}";
            var close = template.IndexOf(closeToken, contentStart, StringComparison.Ordinal);
            var nextOpen = template.IndexOf("{{", contentStart, StringComparison.Ordinal);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close && template[contentStart] != '!'))
                return Fail($"'{(triple ? "{{{" : "{{")}' is never closed with '{closeToken}'", open);
            index = close + closeToken.Length;

            var content = template[contentStart..close];
            var contentColumn = contentStart;
            // Whitespace control (`{{~ x ~}}`) changes output spacing only.
            if (content.StartsWith('~')) { content = content[1..]; contentColumn++; }
            if (content.EndsWith('~')) content = content[..^1];
            if (content.StartsWith('!')) continue;

            var error = ScanTag(content, contentColumn, open, blocks, paths);
            if (error is not null) return new TemplateScan(error, []);
        }
        if (blocks.Count > 0)
        {
            var (name, column) = blocks.Peek();
            return Fail($"block '{{{{#{name}}}}}' is never closed with '{{{{/{name}}}}}'", column);
        }
        return new TemplateScan(null, paths.Distinct(StringComparer.Ordinal).ToList());
    }

    private static TemplateSyntaxError? ScanTag(string content, int contentOffset, int tagOffset, Stack<(string Name, int Column)> blocks, List<string> paths)
    {
        var trimmed = content.TrimStart();
        var offset = contentOffset + (content.Length - trimmed.Length);
        trimmed = trimmed.TrimEnd();
        if (trimmed.Length == 0) return Error("empty '{{ }}': write a path such as {{ inputs.name }}", tagOffset);

        if (trimmed is "else" or "^") return blocks.Count == 0 ? Error("'{{else}}' outside a block", tagOffset) : null;

        var sigil = trimmed[0];
        switch (sigil)
        {
            case '>':
                return Error("partials ('{{>') are not supported in runbook templates", tagOffset);
            case '/':
                var closing = trimmed[1..].Trim();
                if (blocks.Count == 0) return Error($"'{{{{/{closing}}}}}' closes a block that was never opened", tagOffset);
                var (name, _) = blocks.Pop();
                return closing == name ? null : Error($"'{{{{/{closing}}}}}' does not match the open block '{{{{#{name}}}}}'", tagOffset);
            case '#' or '^' when trimmed.Length > 1:
                var tokens = Tokenize(trimmed[1..], offset + 1, out var tokenError);
                if (tokenError is not null) return tokenError;
                var helper = tokens[0].Text;
                if (!Helpers.Contains(helper) || helper == "lookup")
                    return Error($"unknown block helper '{helper}'; available: if, unless, each, with", tokens[0].Offset);
                if (tokens.Count < 2) return Error($"'{{{{#{helper}}}}}' needs an argument", tokens[0].Offset);
                var argumentsError = CollectArguments(tokens.Skip(1), blocks, paths);
                blocks.Push((helper, tagOffset));
                return argumentsError;
            case '&':
                trimmed = trimmed[1..];
                offset++;
                break;
        }
        var parts = Tokenize(trimmed, offset, out var error);
        if (error is not null) return error;
        if (parts.Count == 1) return CollectArguments(parts, blocks, paths);
        if (parts[0].Kind != TokenKind.Path || !Helpers.Contains(parts[0].Text) || parts[0].Text != "lookup")
            return Error(parts[0].Kind == TokenKind.Path
                ? $"unknown helper '{parts[0].Text}' (only 'lookup' may be called inline; to print a value write one path per '{{{{ }}}}')"
                : "a '{{ }}' must start with a path", parts[0].Offset);
        return CollectArguments(parts.Skip(1), blocks, paths);
    }

    private static TemplateSyntaxError? CollectArguments(IEnumerable<Token> tokens, Stack<(string Name, int Column)> blocks, List<string> paths)
    {
        var relative = blocks.Any(b => !ContextKeepingBlocks.Contains(b.Name));
        foreach (var token in tokens)
        {
            if (token.Kind != TokenKind.Path) continue;
            var segments = TemplatePath.Parse(token.Text, out var segmentError);
            if (segments is null) return Error(segmentError!, token.Offset);
            if (segments.Count > 0 && segments[0] == "@root") paths.Add(string.Join('.', segments.Skip(1)));
            else if (!relative && segments.Count > 0 && !segments[0].StartsWith('@')) paths.Add(string.Join('.', segments));
        }
        return null;
    }

    private static List<Token> Tokenize(string text, int offset, out TemplateSyntaxError? error)
    {
        var tokens = new List<Token>();
        error = null;
        var i = 0;
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i])) { i++; continue; }
            var start = i;
            if (text[i] is '"' or '\'')
            {
                var quote = text[i];
                var end = text.IndexOf(quote, i + 1);
                if (end < 0)
                {
                    error = Error("string literal is never closed", offset + i);
                    return tokens;
                }
                tokens.Add(new Token(TokenKind.Literal, text[(i + 1)..end], offset + i));
                i = end + 1;
                continue;
            }
            if (text[i] is '(' or ')' or '=' or '{' or '}' or '|' or ',' or ';' or '<' or '>' or '!' or '"' or '`' or '%' or '*' or '+' or '&')
            {
                error = Error($"unexpected '{text[i]}' in '{{{{ }}}}'", offset + i);
                return tokens;
            }
            var bracket = false;
            while (i < text.Length && (bracket || !char.IsWhiteSpace(text[i])))
            {
                if (text[i] == '[') bracket = true;
                else if (text[i] == ']') bracket = false;
                else if (!bracket && text[i] is '(' or ')' or '=' or '{' or '}' or '|' or ',' or ';' or '<' or '>' or '!' or '"' or '\'' or '`' or '%' or '*' or '+' or '&')
                {
                    error = Error($"unexpected '{text[i]}' in path '{text[start..i]}'", offset + i);
                    return tokens;
                }
                i++;
            }
            var word = text[start..i];
            var kind = word is "true" or "false" or "null" or "undefined" || double.TryParse(word, System.Globalization.CultureInfo.InvariantCulture, out _)
                ? TokenKind.Literal
                : TokenKind.Path;
            tokens.Add(new Token(kind, word, offset + start));
        }
        return tokens;
    }

    private static TemplateScan Fail(string message, int offset) => new(Error(message, offset), []);

    private static TemplateSyntaxError Error(string message, int offset) => new(message, offset + 1);

    private enum TokenKind
    {
        Path,
        Literal,
    }

    private sealed record Token(TokenKind Kind, string Text, int Offset);
}

/// <summary>Result of scanning a template: the first syntax error, or the root-scope paths it reads.</summary>
internal sealed record TemplateScan(TemplateSyntaxError? Error, IReadOnlyList<string> Paths);
