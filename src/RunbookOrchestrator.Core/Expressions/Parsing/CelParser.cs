using System.Globalization;

namespace RunbookOrchestrator.Expressions;

/// <summary>A recursive-descent parser for the CEL grammar (precedence: ?: then || then &amp;&amp; then relations then + - then * / % then unary then member access).</summary>
internal sealed class CelParser
{
    private readonly List<CelToken> _tokens;
    private int _pos;
    private int _depth;

    private CelParser(List<CelToken> tokens) => _tokens = tokens;

    public static CelExpr Parse(string text)
    {
        if (text.Length > CelLimits.MaxExpressionLength)
            throw new ExpressionException($"Syntax error: expression is {text.Length} characters long, more than the limit of {CelLimits.MaxExpressionLength}", CelLimits.MaxExpressionLength + 1);
        var parser = new CelParser(new CelLexer(text).Tokenize());
        var expr = parser.ParseExpr();
        if (parser.Current.Kind != CelTokenKind.End) throw parser.Unexpected();
        if (CelTreeDepth.FindTooDeep(expr, CelLimits.MaxTreeDepth) is { } tooDeep)
            throw Error($"expression has more than {CelLimits.MaxTreeDepth} levels of operators and calls", tooDeep.Column);
        return expr;
    }

    private CelToken Current => _tokens[_pos];

    private CelToken Advance() => _tokens[_pos++];

    private bool Accept(CelTokenKind kind)
    {
        if (Current.Kind != kind) return false;
        _pos++;
        return true;
    }

    private CelToken Expect(CelTokenKind kind, string what)
    {
        if (Current.Kind != kind) throw Error($"expected {what} but found {Describe(Current)}", Current.Column);
        return Advance();
    }

    private CelExpr ParseExpr()
    {
        if (++_depth > CelLimits.MaxNestingDepth)
            throw Error($"expression nests deeper than the limit of {CelLimits.MaxNestingDepth}", Current.Column);
        var condition = ParseOr();
        if (Current.Kind == CelTokenKind.Question)
        {
            var column = Advance().Column;
            var then = ParseOr();
            Expect(CelTokenKind.Colon, "':'");
            var otherwise = ParseExpr();
            condition = new CelConditionalExpr(condition, then, otherwise, column);
        }
        _depth--;
        return condition;
    }

    private CelExpr ParseOr()
    {
        var left = ParseAnd();
        while (Current.Kind == CelTokenKind.OrOr)
        {
            var op = Advance();
            left = new CelBinaryExpr(op.Kind, left, ParseAnd(), op.Column);
        }
        return left;
    }

    private CelExpr ParseAnd()
    {
        var left = ParseRelation();
        while (Current.Kind == CelTokenKind.AndAnd)
        {
            var op = Advance();
            left = new CelBinaryExpr(op.Kind, left, ParseRelation(), op.Column);
        }
        return left;
    }

    private CelExpr ParseRelation()
    {
        var left = ParseAddition();
        while (Current.Kind is CelTokenKind.Less or CelTokenKind.LessEqual or CelTokenKind.Greater or CelTokenKind.GreaterEqual
               or CelTokenKind.EqualEqual or CelTokenKind.BangEqual or CelTokenKind.In)
        {
            var op = Advance();
            left = new CelBinaryExpr(op.Kind, left, ParseAddition(), op.Column);
        }
        return left;
    }

    private CelExpr ParseAddition()
    {
        var left = ParseMultiplication();
        while (Current.Kind is CelTokenKind.Plus or CelTokenKind.Minus)
        {
            var op = Advance();
            left = new CelBinaryExpr(op.Kind, left, ParseMultiplication(), op.Column);
        }
        return left;
    }

    private CelExpr ParseMultiplication()
    {
        var left = ParseUnary();
        while (Current.Kind is CelTokenKind.Star or CelTokenKind.Slash or CelTokenKind.Percent)
        {
            var op = Advance();
            left = new CelBinaryExpr(op.Kind, left, ParseUnary(), op.Column);
        }
        return left;
    }

    private CelExpr ParseUnary()
    {
        if (Current.Kind is not (CelTokenKind.Bang or CelTokenKind.Minus)) return ParseMember();
        var ops = new List<CelToken>();
        var kind = Current.Kind;
        while (Current.Kind == kind) ops.Add(Advance());

        // CEL folds a minus directly before a numeric literal into the literal (so -9223372036854775808 is valid).
        CelExpr operand;
        if (kind == CelTokenKind.Minus && Current.Kind is CelTokenKind.Int or CelTokenKind.Double)
        {
            var literal = Advance();
            var negative = literal.Kind == CelTokenKind.Int
                ? new CelConstExpr(ParseInt(literal, negative: true), ops[^1].Column)
                : new CelConstExpr(new CelDouble(-((CelDouble)literal.Literal!).Value), ops[^1].Column);
            ops.RemoveAt(ops.Count - 1);
            operand = ParseMemberSuffixes(negative);
        }
        else
        {
            operand = ParseMember();
        }
        for (var i = ops.Count - 1; i >= 0; i--) operand = new CelUnaryExpr(kind, operand, ops[i].Column);
        return operand;
    }

    private CelExpr ParseMember() => ParseMemberSuffixes(ParsePrimary());

    private CelExpr ParseMemberSuffixes(CelExpr expr)
    {
        while (true)
        {
            if (Current.Kind == CelTokenKind.Dot)
            {
                var dot = Advance();
                if (Current.Kind == CelTokenKind.Question) throw Error("optional field selection '.?' is not supported", Current.Column);
                var name = Current.Kind is CelTokenKind.Reserved or CelTokenKind.QuotedIdentifier ? Advance() : Expect(CelTokenKind.Identifier, "a field name");
                if (Current.Kind == CelTokenKind.LParen && name.Kind == CelTokenKind.QuotedIdentifier)
                    throw Error("a quoted name can only select a field, not name a function", Current.Column);
                if (Current.Kind == CelTokenKind.LParen)
                {
                    Advance();
                    var args = ParseArguments(CelTokenKind.RParen);
                    expr = ReceiverCall(expr, name, args, dot.Column);
                }
                else
                {
                    expr = new CelSelectExpr(expr, name.Text, false, dot.Column);
                }
            }
            else if (Current.Kind == CelTokenKind.LBracket)
            {
                var bracket = Advance();
                if (Current.Kind == CelTokenKind.Question) throw Error("optional index '[?' is not supported", Current.Column);
                var index = ParseExpr();
                Expect(CelTokenKind.RBracket, "']'");
                expr = new CelIndexExpr(expr, index, bracket.Column);
            }
            else
            {
                return expr;
            }
        }
    }

    private CelExpr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case CelTokenKind.Int:
                Advance();
                return new CelConstExpr(ParseInt(token, negative: false), token.Column);
            case CelTokenKind.Uint or CelTokenKind.Double or CelTokenKind.String or CelTokenKind.Bytes
                or CelTokenKind.True or CelTokenKind.False or CelTokenKind.Null:
                Advance();
                return new CelConstExpr(token.Literal!, token.Column);
            case CelTokenKind.LParen:
            {
                Advance();
                var inner = ParseExpr();
                Expect(CelTokenKind.RParen, "')'");
                return inner;
            }
            case CelTokenKind.LBracket:
            {
                // Each element is parsed by ParseExpr, which counts the level; counting the brackets too would
                // halve the 32 levels of nested lists the CEL spec requires.
                Advance();
                var items = ParseArguments(CelTokenKind.RBracket, allowTrailingComma: true);
                return new CelListExpr(items, token.Column);
            }
            case CelTokenKind.LBrace:
                Advance();
                return ParseMap(token);
            case CelTokenKind.Dot:
            {
                Advance();
                var name = Expect(CelTokenKind.Identifier, "an identifier");
                return ParseIdentOrCall(name, rootScope: true);
            }
            case CelTokenKind.Identifier:
                Advance();
                return ParseIdentOrCall(token);
            case CelTokenKind.Reserved:
                throw Error($"reserved identifier '{token.Text}'", token.Column);
            case CelTokenKind.QuotedIdentifier:
                throw Error("a quoted name can only follow '.'", token.Column);
            default:
                throw Unexpected();
        }
    }

    private CelExpr ParseIdentOrCall(CelToken name, bool rootScope = false)
    {
        if (Current.Kind == CelTokenKind.LBrace)
            throw Error("message construction is not supported", Current.Column);
        if (Current.Kind != CelTokenKind.LParen) return new CelIdentExpr(name.Text, name.Column, rootScope);
        Advance();
        var args = ParseArguments(CelTokenKind.RParen);
        if (name.Text == "has")
        {
            if (args is not [CelSelectExpr select]) throw Error("invalid argument to has() macro", name.Column);
            return select with { TestOnly = true };
        }
        return new CelCallExpr(null, name.Text, args, name.Column);
    }

    private CelExpr ReceiverCall(CelExpr target, CelToken name, IReadOnlyList<CelExpr> args, int column)
    {
        var isMacro = name.Text switch
        {
            "all" or "exists" or "exists_one" or "filter" => args.Count == 2 ? true
                : throw Error($"{name.Text}() takes 2 arguments, a variable name and a predicate", name.Column),
            "map" => args.Count is 2 or 3 ? true
                : throw Error("map() takes 2 or 3 arguments: a variable name, an optional filter and a transform", name.Column),
            _ => false,
        };
        if (!isMacro) return new CelCallExpr(target, name.Text, args, column);
        if (args[0] is not CelIdentExpr variable) throw Error($"argument of {name.Text}() must be a simple name", args[0].Column);
        return args.Count == 3
            ? new CelMacroExpr("map_filter", target, variable.Name, args[1], args[2], column)
            : new CelMacroExpr(name.Text, target, variable.Name, args[1], null, column);
    }

    private List<CelExpr> ParseArguments(CelTokenKind close, bool allowTrailingComma = false)
    {
        var args = new List<CelExpr>();
        if (Accept(close)) return args;
        while (true)
        {
            args.Add(ParseExpr());
            if (Accept(close)) return args;
            Expect(CelTokenKind.Comma, close == CelTokenKind.RParen ? "',' or ')'" : "',' or ']'");
            if (allowTrailingComma && Accept(close)) return args;
        }
    }

    private CelExpr ParseMap(CelToken open)
    {
        var entries = new List<(CelExpr, CelExpr)>();
        if (!Accept(CelTokenKind.RBrace))
        {
            while (true)
            {
                if (Current.Kind == CelTokenKind.Question) throw Error("optional map entries are not supported", Current.Column);
                var key = ParseExpr();
                Expect(CelTokenKind.Colon, "':'");
                var value = ParseExpr();
                entries.Add((key, value));
                if (Accept(CelTokenKind.RBrace)) break;
                Expect(CelTokenKind.Comma, "',' or '}'");
                if (Accept(CelTokenKind.RBrace)) break;
            }
        }
        return new CelMapExpr(entries, open.Column);
    }

    private CelValue ParseInt(CelToken token, bool negative)
    {
        var text = token.Text;
        var ok = text.StartsWith("0x", StringComparison.Ordinal)
            ? ulong.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var magnitude)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out magnitude);
        if (ok && negative && magnitude <= (ulong)long.MaxValue + 1) return new CelInt(unchecked(-(long)magnitude));
        if (ok && !negative && magnitude <= long.MaxValue) return new CelInt((long)magnitude);
        throw Error("int literal out of range", token.Column);
    }

    private ExpressionException Unexpected() =>
        Current.Kind == CelTokenKind.End
            ? Error("unexpected end of expression", Current.Column)
            : Error($"unexpected {Describe(Current)}", Current.Column);

    private static string Describe(CelToken token) => token.Kind == CelTokenKind.End ? "end of expression" : $"'{token.Text}'";

    private static ExpressionException Error(string message, int column) => new($"Syntax error: {message} at column {column}", column);
}
