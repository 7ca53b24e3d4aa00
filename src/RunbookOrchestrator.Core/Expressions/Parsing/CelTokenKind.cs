namespace RunbookOrchestrator.Expressions;

/// <summary>The lexical categories of the CEL grammar.</summary>
internal enum CelTokenKind
{
    End, Identifier, Reserved, QuotedIdentifier, Int, Uint, Double, String, Bytes,
    True, False, Null, In,
    LParen, RParen, LBracket, RBracket, LBrace, RBrace, Dot, Comma, Colon, Question,
    Plus, Minus, Star, Slash, Percent, Bang,
    Less, LessEqual, Greater, GreaterEqual, EqualEqual, BangEqual, AndAnd, OrOr,
}
