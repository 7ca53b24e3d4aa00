using System.Globalization;
using Scriban;
using Scriban.Parsing;

namespace RunbookOrchestrator.Templates;

/// <summary>The only <see cref="TemplateContext"/> templates render in: no template loader (so no <c>include</c>), loop, recursion,
/// output and time limits, strict variables, and every printed value escaped for the caller's <see cref="TemplateTarget"/>.</summary>
internal sealed class TemplateSandbox : TemplateContext
{
    /// <summary>Most iterations of one loop.</summary>
    public const int MaxLoopIterations = 10_000;

    /// <summary>Deepest nesting of function calls.</summary>
    public const int MaxRecursion = 20;

    /// <summary>Longest rendered text, in characters.</summary>
    public const int MaxOutputChars = 1024 * 1024;

    /// <summary>Longest time one rendering may take.</summary>
    public static readonly TimeSpan MaxRenderTime = TimeSpan.FromSeconds(1);

    private readonly TemplateTarget _target;

    public TemplateSandbox(TemplateTarget target, CancellationToken cancellationToken)
    {
        _target = target;
        StrictVariables = true;
        LoopLimit = MaxLoopIterations;
        LoopLimitQueryable = MaxLoopIterations;
        RecursiveLimit = MaxRecursion;
        ObjectRecursionLimit = MaxRecursion;
        LimitToString = MaxOutputChars;
        RegexTimeOut = TimeSpan.FromMilliseconds(100);
        TemplateLoader = null;
        EnableRelaxedMemberAccess = true;
        CancellationToken = cancellationToken;
        PushCulture(CultureInfo.InvariantCulture);
    }

    public override TemplateContext Write(SourceSpan span, object textAsObject)
    {
        if (textAsObject is not null) Write(TemplateEscaping.Escape(ObjectToString(textAsObject), _target));
        return this;
    }

    public override string ObjectToString(object value, bool nested = false) => value switch
    {
        Scriban.Runtime.ScriptObject or Scriban.Runtime.ScriptArray when TemplateScope.Json(value) is { } json => json,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        _ => base.ObjectToString(value, nested),
    };
}
