using Scriban;
using Scriban.Syntax;

namespace RunbookOrchestrator.Templates;

/// <summary>Reads a parsed template without running it: the scope paths it reads (for the runbook validator's variable checks) and the
/// mistakes that are certain before any run (file access, a loop over a literal range past the limit, a hyphenated step id read with a dot).</summary>
internal static class TemplateAnalysis
{
    // Functions and objects Scriban provides; reading them is not reading the run's scope.
    private static readonly HashSet<string> Builtins = new(new TemplateContext().BuiltinObject.Keys, StringComparer.Ordinal);
    private static readonly string[] FileAccess = ["include", "include_join", "import"];

    public static TemplateCheck Analyze(Template template)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        Walk(template.Page, node => CollectDeclared(node, declared));
        var paths = new List<string>();
        TemplateSyntaxError? error = null;
        Walk(template.Page, node => error ??= Inspect(node, declared, paths));
        return new TemplateCheck(error, error is null ? paths.Distinct(StringComparer.Ordinal).ToList() : []);
    }

    /// <summary>A <c>{{</c> never closed by <c>}}</c>: Scriban reads code to the end of the text without complaint, which in a runbook
    /// parameter is always a mistake.</summary>
    public static TemplateSyntaxError? UnclosedTag(string text)
    {
        Scriban.Parsing.Token? open = null;
        foreach (var token in new Scriban.Parsing.Lexer(text))
        {
            if (token.Type == Scriban.Parsing.TokenType.CodeEnter) open = token;
            else if (token.Type == Scriban.Parsing.TokenType.CodeExit) open = null;
        }
        return open is { } o ? new TemplateSyntaxError("'{{' is never closed with '}}'", o.Start.Offset + 1, o.Start.Line + 1) : null;
    }

    private static void Walk(ScriptNode? node, Action<ScriptNode> visit)
    {
        if (node is null) return;
        visit(node);
        for (var i = 0; i < node.ChildrenCount; i++) Walk(node.GetChildren(i), visit);
    }

    // Names the template itself gives values to (assignments, loop variables, function parameters) are not scope reads.
    private static void CollectDeclared(ScriptNode node, HashSet<string> declared)
    {
        switch (node)
        {
            case ScriptAssignExpression { Target: ScriptVariable v }:
                declared.Add(v.Name);
                break;
            case ScriptForStatement { Variable: ScriptVariable v }:
                declared.Add(v.Name);
                break;
            case ScriptFunction { Parameters: { } parameters }:
                foreach (var p in parameters) if (p.Name is { } name) declared.Add(name.Name);
                break;
            case ScriptFunction { NameOrDoToken: ScriptVariable name }:
                declared.Add(name.Name);
                break;
        }
    }

    private static TemplateSyntaxError? Inspect(ScriptNode node, HashSet<string> declared, List<string> paths)
    {
        switch (node)
        {
            case ScriptImportStatement:
                return At(node, "'import' is not available in runbook templates: a template cannot read files or other templates");
            case ScriptVariableGlobal v when FileAccess.Contains(v.Name) && !declared.Contains(v.Name):
                return At(node, $"'{v.Name}' is not available in runbook templates: a template cannot read files or other templates");
            case ScriptForStatement { Iterator: ScriptBinaryExpression range } when LiteralRangeCount(range) is { } count && count > TemplateSandbox.MaxLoopIterations:
                return At(range, $"this loop would run {count:N0} times; the limit is {TemplateSandbox.MaxLoopIterations:N0} iterations");
            case ScriptBinaryExpression { Operator: ScriptBinaryOperator.Subtract } minus
                when Chain(minus.Left) is ["steps", var stepPart, ..] && Chain(minus.Right) is [var rest, ..] && !declared.Contains(rest):
                return At(minus, $"'steps.{stepPart}-{rest}' reads as a subtraction; a step id with hyphens is read with an index: steps[\"{stepPart}-{rest}\"]");
            case ScriptExpression e when IsChainTop(e) && Chain(e) is [var root, ..] segments && !declared.Contains(root) && !Builtins.Contains(root):
                paths.Add(string.Join('.', segments));
                break;
        }
        return null;
    }

    // A member or indexer whose parent reads further into it is not the top of its chain: only the whole chain is a path.
    // The name after a dot is not a read at all.
    private static bool IsChainTop(ScriptExpression e) =>
        e is ScriptVariableGlobal or ScriptMemberExpression or ScriptIndexerExpression
        && e.Parent switch
        {
            ScriptMemberExpression m when ReferenceEquals(m.Target, e) || ReferenceEquals(m.Member, e) => false,
            ScriptIndexerExpression i when ReferenceEquals(i.Target, e) => false,
            _ => true,
        };

    /// <summary>The literal path of a member/indexer chain on a global variable, up to the first index that is not a literal; null otherwise.</summary>
    private static List<string>? Chain(ScriptExpression? e)
    {
        switch (e)
        {
            case ScriptVariableGlobal v:
                return [v.Name];
            case ScriptMemberExpression m when Chain(m.Target) is { } target:
                if (m.Member is ScriptVariable member) target.Add(member.Name);
                return target;
            case ScriptIndexerExpression i when Chain(i.Target) is { } target:
                if (i.Index is ScriptLiteral { Value: string key }) target.Add(key);
                else if (i.Index is ScriptLiteral { Value: int or long } index) target.Add(Convert.ToString(index.Value, System.Globalization.CultureInfo.InvariantCulture)!);
                return target;
            default:
                return null;
        }
    }

    private static long? LiteralRangeCount(ScriptBinaryExpression range)
    {
        if (range.Operator is not (ScriptBinaryOperator.RangeInclude or ScriptBinaryOperator.RangeExclude)) return null;
        if (range.Left is not ScriptLiteral { Value: int or long } from || range.Right is not ScriptLiteral { Value: int or long } to) return null;
        var count = Math.Abs(Convert.ToInt64(to.Value) - Convert.ToInt64(from.Value));
        return range.Operator == ScriptBinaryOperator.RangeInclude ? count + 1 : count;
    }

    private static TemplateSyntaxError At(ScriptNode node, string message) =>
        new(message, node.Span.Start.Offset + 1, node.Span.Start.Line + 1);
}

/// <summary>What a template reads and the first certain mistake in it, if any.</summary>
internal sealed record TemplateCheck(TemplateSyntaxError? Error, IReadOnlyList<string> Paths);
