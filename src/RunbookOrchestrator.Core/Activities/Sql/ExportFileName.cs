using System.Text;

namespace RunbookOrchestrator.Activities.Sql;

/// <summary>Turns a step's <c>file_name</c> (or the run and step ids) into a plain file name inside the exports directory.</summary>
public static class ExportFileName
{
    /// <summary>The requested name, refused when it could leave the exports directory.</summary>
    public static string FromRequested(string requested)
    {
        if (requested.Contains('/') || requested.Contains('\\') || requested.Contains("..")
            || requested.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || requested.Trim().Length == 0 || requested.StartsWith('.'))
            throw new ParameterException("file_name", $"parameter 'file_name' must be a plain file name without path separators or '..' (got '{requested}')");
        return requested;
    }

    public static string Default(string runId, string stepId, string extension) => $"{Clean(runId)}-{Clean(stepId)}.{extension}";

    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        return builder.ToString();
    }
}
