using System.Net;
using System.Text;
using System.Text.Encodings.Web;

namespace RunbookOrchestrator.Templates;

/// <summary>Where rendered text goes, which decides how each value printed by a <c>{{ }}</c> is escaped (the template's own text is not).
/// The caller names it: nothing is escaped by convention.</summary>
public enum TemplateTarget
{
    /// <summary>Plain text (step parameters, reviewer context shown through the JSON API): values as they are.</summary>
    PlainText,

    /// <summary>Inside a JSON string literal: quotes, backslashes and control characters escaped.</summary>
    JsonString,

    /// <summary>HTML text or attribute (email bodies): <c>&amp; &lt; &gt; " '</c> as entities.</summary>
    Html,

    /// <summary>Slack mrkdwn: <c>&amp; &lt; &gt;</c> as entities, as Slack asks, so a value can never open a link or a mention such as <c>&lt;!channel&gt;</c>.</summary>
    SlackMrkdwn,
}

/// <summary>Escapes one printed value for a <see cref="TemplateTarget"/>.</summary>
public static class TemplateEscaping
{
    public static string Escape(string value, TemplateTarget target) => target switch
    {
        TemplateTarget.PlainText => value,
        TemplateTarget.JsonString => JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(value),
        TemplateTarget.Html => WebUtility.HtmlEncode(value),
        TemplateTarget.SlackMrkdwn => SlackMrkdwn(value),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, "unknown template target"),
    };

    private static string SlackMrkdwn(string value)
    {
        if (value.AsSpan().IndexOfAny('&', '<', '>') < 0) return value;
        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
            builder.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", _ => c.ToString() });
        return builder.ToString();
    }
}
