namespace RunbookOrchestrator.Templates;

/// <summary>A template could not be rendered: bad syntax, too large, or output over the limit.</summary>
public sealed class TemplateRenderException(string message, int? column = null) : Exception(message)
{
    public int? Column { get; } = column;
}
