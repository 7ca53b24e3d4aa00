using System.Globalization;

namespace RunbookOrchestrator.Expressions;

/// <summary>Splits CEL source text into tokens following the CEL grammar's lexer rules.</summary>
internal sealed class CelLexer(string text)
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let",
        "loop", "package", "namespace", "return", "var", "void", "while",
    };

    private int _pos;

    public List<CelToken> Tokenize()
    {
        var tokens = new List<CelToken>();
        while (true)
        {
            SkipWhitespaceAndComments();
            if (_pos >= text.Length)
            {
                tokens.Add(new CelToken(CelTokenKind.End, "", _pos + 1));
                return tokens;
            }
            tokens.Add(Next());
        }
    }

    private void SkipWhitespaceAndComments()
    {
        while (_pos < text.Length)
        {
            var c = text[_pos];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f') _pos++;
            else if (c == '/' && Peek(1) == '/')
                while (_pos < text.Length && text[_pos] != '\n') _pos++;
            else return;
        }
    }

    private char Peek(int ahead) => _pos + ahead < text.Length ? text[_pos + ahead] : '\0';

    private CelToken Next()
    {
        var start = _pos;
        var c = text[_pos];
        if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)))) return Number();
        if (IsQuote(c)) return StringLiteral(start, raw: false, bytes: false);
        if (c == '`') return QuotedIdentifier(start);
        if (IsIdentStart(c))
        {
            if (TryStringPrefix(out var raw, out var bytes)) return StringLiteral(start, raw, bytes);
            while (_pos < text.Length && IsIdentPart(text[_pos])) _pos++;
            var word = text[start.._pos];
            return word switch
            {
                "true" => new CelToken(CelTokenKind.True, word, start + 1, CelBool.True),
                "false" => new CelToken(CelTokenKind.False, word, start + 1, CelBool.False),
                "null" => new CelToken(CelTokenKind.Null, word, start + 1, CelNull.Instance),
                "in" => new CelToken(CelTokenKind.In, word, start + 1),
                // Reserved words may follow a '.' (as field or receiver function names); the parser rejects them elsewhere.
                _ when Reserved.Contains(word) => new CelToken(CelTokenKind.Reserved, word, start + 1),
                _ => new CelToken(CelTokenKind.Identifier, word, start + 1),
            };
        }
        var two = _pos + 1 < text.Length ? text.Substring(_pos, 2) : "";
        var twoKind = two switch
        {
            "<=" => CelTokenKind.LessEqual,
            ">=" => CelTokenKind.GreaterEqual,
            "==" => CelTokenKind.EqualEqual,
            "!=" => CelTokenKind.BangEqual,
            "&&" => CelTokenKind.AndAnd,
            "||" => CelTokenKind.OrOr,
            _ => (CelTokenKind?)null,
        };
        if (twoKind is { } k2)
        {
            _pos += 2;
            return new CelToken(k2, two, start + 1);
        }
        var oneKind = c switch
        {
            '(' => CelTokenKind.LParen,
            ')' => CelTokenKind.RParen,
            '[' => CelTokenKind.LBracket,
            ']' => CelTokenKind.RBracket,
            '{' => CelTokenKind.LBrace,
            '}' => CelTokenKind.RBrace,
            '.' => CelTokenKind.Dot,
            ',' => CelTokenKind.Comma,
            ':' => CelTokenKind.Colon,
            '?' => CelTokenKind.Question,
            '+' => CelTokenKind.Plus,
            '-' => CelTokenKind.Minus,
            '*' => CelTokenKind.Star,
            '/' => CelTokenKind.Slash,
            '%' => CelTokenKind.Percent,
            '!' => CelTokenKind.Bang,
            '<' => CelTokenKind.Less,
            '>' => CelTokenKind.Greater,
            _ => throw Error($"unexpected character '{Printable(c)}'", start),
        };
        _pos++;
        return new CelToken(oneKind, c.ToString(), start + 1);
    }

    private CelToken Number()
    {
        var start = _pos;
        // The CEL lexis spells the hex prefix "0x" only; "0X1" is not a literal.
        if (text[_pos] == '0' && Peek(1) == 'x' && IsHexDigit(Peek(2)))
        {
            _pos += 2;
            while (_pos < text.Length && IsHexDigit(text[_pos])) _pos++;
            return IntegerToken(start, text[(start + 2).._pos], hex: true);
        }
        var isDouble = false;
        while (_pos < text.Length && IsDigit(text[_pos])) _pos++;
        if (Peek(0) == '.' && IsDigit(Peek(1)))
        {
            isDouble = true;
            _pos++;
            while (_pos < text.Length && IsDigit(text[_pos])) _pos++;
        }
        if (Peek(0) is 'e' or 'E')
        {
            var offset = Peek(1) is '+' or '-' ? 2 : 1;
            if (IsDigit(Peek(offset)))
            {
                isDouble = true;
                _pos += offset;
                while (_pos < text.Length && IsDigit(text[_pos])) _pos++;
            }
        }
        if (isDouble)
        {
            var literal = text[start.._pos];
            var value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
            // .NET rounds 1e400 to infinity; CEL (like Go's ParseFloat behind cel-go) rejects a literal out of range.
            if (double.IsInfinity(value)) throw Error("double literal out of range", start);
            return new CelToken(CelTokenKind.Double, literal, start + 1, new CelDouble(value));
        }
        return IntegerToken(start, text[start.._pos], hex: false);
    }

    /// <summary>Integers keep their digits; the parser applies a preceding minus so that the most negative int64 is expressible.</summary>
    private CelToken IntegerToken(int start, string digits, bool hex)
    {
        if (Peek(0) is 'u' or 'U')
        {
            _pos++;
            var ok = hex
                ? ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var u)
                : ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out u);
            if (!ok) throw Error("uint literal out of range", start);
            return new CelToken(CelTokenKind.Uint, text[start.._pos], start + 1, new CelUint(u));
        }
        return new CelToken(CelTokenKind.Int, hex ? "0x" + digits : digits, start + 1);
    }

    /// <summary>Recognises the prefixes the CEL lexis allows: r, b and b followed by r (any case). "rb" is not one,
    /// because BYTES_LIT is [bB] before STRING_LIT, whose own optional prefix is the raw marker.</summary>
    private bool TryStringPrefix(out bool raw, out bool bytes)
    {
        raw = bytes = false;
        var i = _pos;
        if (i < text.Length && text[i] is 'b' or 'B')
        {
            bytes = true;
            i++;
        }
        if (i < text.Length && text[i] is 'r' or 'R')
        {
            raw = true;
            i++;
        }
        if (i < text.Length && IsQuote(text[i]) && (raw || bytes))
        {
            _pos = i;
            return true;
        }
        raw = bytes = false;
        return false;
    }

    private CelToken StringLiteral(int start, bool raw, bool bytes)
    {
        var quote = text[_pos];
        var triple = Peek(1) == quote && Peek(2) == quote;
        var delimiter = new string(quote, triple ? 3 : 1);
        _pos += delimiter.Length;
        var bodyStart = _pos;
        while (true)
        {
            if (_pos >= text.Length) throw Error("unterminated string literal", start);
            var c = text[_pos];
            if (!triple && c is '\n' or '\r') throw Error("newline in string literal", _pos);
            if (c == '\\' && !raw)
            {
                _pos += 2;
                continue;
            }
            if (string.CompareOrdinal(text, _pos, delimiter, 0, delimiter.Length) == 0) break;
            _pos++;
        }
        var body = text[bodyStart.._pos];
        _pos += delimiter.Length;
        var literal = text[start.._pos];
        var decoder = new CelStringDecoder(body, bodyStart, raw, bytes);
        return bytes
            ? new CelToken(CelTokenKind.Bytes, literal, start + 1, new CelBytes(decoder.DecodeBytes()))
            : new CelToken(CelTokenKind.String, literal, start + 1, new CelString(decoder.DecodeString()));
    }

    /// <summary>A backtick-quoted field name such as <c>`content-type`</c> (CEL's ESCAPED_IDENTIFIER: letters, digits and
    /// <c>_ . - /</c> and space), for map keys that are not identifiers.</summary>
    private CelToken QuotedIdentifier(int start)
    {
        _pos++;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '_' or '.' or '-' or '/' or ' ')) _pos++;
        if (_pos >= text.Length || text[_pos] != '`' || _pos == start + 1)
            throw Error("a quoted field name holds only letters, digits, '_', '.', '-', '/' and spaces, between backticks", start);
        _pos++;
        return new CelToken(CelTokenKind.QuotedIdentifier, text[(start + 1)..(_pos - 1)], start + 1);
    }

    private static bool IsQuote(char c) => c is '"' or '\'';
    private static bool IsDigit(char c) => c is >= '0' and <= '9';
    private static bool IsHexDigit(char c) => char.IsAsciiHexDigit(c);
    private static bool IsIdentStart(char c) => c == '_' || char.IsAsciiLetter(c);
    private static bool IsIdentPart(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);
    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString();

    private static ExpressionException Error(string message, int index) =>
        new($"Syntax error: {message} at column {index + 1}", index + 1);
}
