namespace RunbookOrchestrator.Expressions;

/// <summary>A node of a parsed CEL expression; <see cref="Column"/> is 1-based and used in error messages.</summary>
internal abstract record CelExpr(int Column);

/// <summary>A literal value.</summary>
internal sealed record CelConstExpr(CelValue Value, int Column) : CelExpr(Column);

/// <summary>A variable or type name; <see cref="RootScope"/> when written with a leading dot (<c>.y</c>), which names the
/// variable even where a macro variable <c>y</c> is in scope.</summary>
internal sealed record CelIdentExpr(string Name, int Column, bool RootScope = false) : CelExpr(Column);

/// <summary><c>operand.field</c>, or <c>has(operand.field)</c> when <see cref="TestOnly"/>.</summary>
internal sealed record CelSelectExpr(CelExpr Operand, string Field, bool TestOnly, int Column) : CelExpr(Column);

/// <summary><c>operand[index]</c>.</summary>
internal sealed record CelIndexExpr(CelExpr Operand, CelExpr Index, int Column) : CelExpr(Column);

/// <summary>A function call, global (<c>size(x)</c>) or receiver style (<c>x.size()</c>).</summary>
internal sealed record CelCallExpr(CelExpr? Target, string Function, IReadOnlyList<CelExpr> Args, int Column) : CelExpr(Column);

/// <summary>A unary operator: <c>!</c> or <c>-</c>.</summary>
internal sealed record CelUnaryExpr(CelTokenKind Operator, CelExpr Operand, int Column) : CelExpr(Column);

/// <summary>A binary operator, including the logical ones and <c>in</c>.</summary>
internal sealed record CelBinaryExpr(CelTokenKind Operator, CelExpr Left, CelExpr Right, int Column) : CelExpr(Column);

/// <summary><c>condition ? then : else</c>.</summary>
internal sealed record CelConditionalExpr(CelExpr Condition, CelExpr Then, CelExpr Else, int Column) : CelExpr(Column);

/// <summary>A list literal.</summary>
internal sealed record CelListExpr(IReadOnlyList<CelExpr> Items, int Column) : CelExpr(Column);

/// <summary>A map literal.</summary>
internal sealed record CelMapExpr(IReadOnlyList<(CelExpr Key, CelExpr Value)> Entries, int Column) : CelExpr(Column);

/// <summary>A comprehension macro (all, exists, exists_one, map, filter) over a list or the keys of a map.</summary>
internal sealed record CelMacroExpr(string Macro, CelExpr Range, string Variable, CelExpr Body, CelExpr? Transform, int Column) : CelExpr(Column);
