namespace RunbookOrchestrator.Activities;

/// <summary>A step parameter is missing or has the wrong shape; the message names the parameter.</summary>
public sealed class ParameterException(string parameter, string message) : Exception(message)
{
    public string Parameter { get; } = parameter;
}
