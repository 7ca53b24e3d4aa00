using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Templates;

namespace RunbookOrchestrator.Server.Channels;

/// <summary>The review's wording per channel, as Scriban templates: built in, each overridable by a file of the same name in
/// <c>Channels:TemplatesDirectory</c>. Printed values are escaped for the template's target by the renderer, so an override
/// cannot forget it; the requester's reason is always shown as their own, unverified words.</summary>
public sealed class ReviewTemplates(ITemplateRenderer renderer, IOptions<ChannelOptions> options)
{
    public const string EmailSubject = "email-subject.scriban";
    public const string EmailText = "email-text.scriban";
    public const string EmailHtml = "email-html.scriban";

    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.Ordinal)
    {
        [EmailSubject] = """
            {{ if event == "outcome" }}[{{ status }}] {{ else if event == "reminder" }}Reminder: {{ else if event == "escalation" }}Escalated: {{ end }}Approval needed: {{ activity }}{{ if target }} on {{ target }}{{ end }} ({{ runbook }})
            """,
        [EmailText] = """
            {{ if pending }}{{ if event == "reminder" }}Reminder: this request still waits for your decision.{{ else if event == "escalation" }}This request was escalated to you.{{ else }}Your decision is needed.{{ end }}{{ else }}This request is {{ status }}{{ if decided_by }} by {{ decided_by }}{{ end }}{{ if decided_at }} at {{ decided_at }}{{ end }}.{{ end }}

            Requested by: {{ requester.kind }} {{ requester.name }}{{ if requester.owner }} (owned by {{ requester.owner }}){{ end }}
            Action:       {{ activity }}{{ if privileged }} [{{ privileged }}]{{ end }}{{ if target }} on {{ target }}{{ end }}
            Runbook:      {{ runbook }}, step {{ step }}
            Policy rule:  {{ rule }}
            Approvals:    {{ approvals }} of {{ quorum }}{{ if (array.size approved_by) > 0 }} ({{ approved_by | array.join ", " }}){{ end }}
            {{ if deadline }}Deadline:     {{ deadline }}{{ if time_left }} ({{ time_left }} left){{ end }}; then {{ at_deadline }}{{ end }}

            What happens:
            {{ context }}
            {{ if export_summary && export_summary.available }}
            Export summary: {{ export_summary.row_count }} rows to {{ export_summary.destination }}; columns: {{ for c in export_summary.columns }}{{ c.name }} ({{ c.classification }}){{ if !for.last }}, {{ end }}{{ end }}
            {{ end }}
            ---- Requester's reason (their own words, not verified) ----
            {{ reason ?? "(none given)" }}
            ------------------------------------------------------------
            {{ if pending && link }}
            Review and decide: {{ link }}
            (The link is yours alone, works once, and expires with the request. Opening it decides nothing.)
            {{ end }}
            """,
        [EmailHtml] = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Approval needed</title></head>
            <body style="font:15px/1.5 system-ui,sans-serif;color:#1d2330;max-width:40rem;margin:auto">
            {{ if pending }}<p><strong>{{ if event == "reminder" }}Reminder: this request still waits for your decision.{{ else if event == "escalation" }}This request was escalated to you.{{ else }}Your decision is needed.{{ end }}</strong></p>{{ else }}<p><strong>This request is {{ status }}{{ if decided_by }} by {{ decided_by }}{{ end }}{{ if decided_at }} at {{ decided_at }}{{ end }}.</strong></p>{{ end }}
            <table style="border-collapse:collapse">
            <tr><th align="left">Requested by</th><td>{{ requester.kind }} {{ requester.name }}{{ if requester.owner }} (owned by {{ requester.owner }}){{ end }}</td></tr>
            <tr><th align="left">Action</th><td>{{ activity }}{{ if privileged }} [{{ privileged }}]{{ end }}{{ if target }} on {{ target }}{{ end }}</td></tr>
            <tr><th align="left">Runbook</th><td>{{ runbook }}, step {{ step }}</td></tr>
            <tr><th align="left">Policy rule</th><td>{{ rule }}</td></tr>
            <tr><th align="left">Approvals</th><td>{{ approvals }} of {{ quorum }}{{ if (array.size approved_by) > 0 }} ({{ approved_by | array.join ", " }}){{ end }}</td></tr>
            {{ if deadline }}<tr><th align="left">Deadline</th><td>{{ deadline }}{{ if time_left }} ({{ time_left }} left){{ end }}; then {{ at_deadline }}</td></tr>{{ end }}
            </table>
            <p><strong>What happens:</strong> {{ context }}</p>
            {{ if export_summary && export_summary.available }}<p><strong>Export summary:</strong> {{ export_summary.row_count }} rows to {{ export_summary.destination }}; columns: {{ for c in export_summary.columns }}{{ c.name }} ({{ c.classification }}){{ if !for.last }}, {{ end }}{{ end }}</p>{{ end }}
            <div style="border:1px dashed #8a93a6;padding:.5rem 1rem;background:#f5f6f8">
            <p style="margin:0;font-size:13px;color:#555">Requester's reason: their own words, not verified</p>
            <p style="white-space:pre-wrap;margin:.25rem 0 0">{{ reason ?? "(none given)" }}</p>
            </div>
            {{ if pending && link }}<p><a href="{{ link }}" style="display:inline-block;background:#1f5fbf;color:#fff;padding:.6rem 1.2rem;border-radius:4px;text-decoration:none">Review and decide</a></p>
            <p style="font-size:13px;color:#555">The link is yours alone, works once and expires with the request. Opening it decides nothing.</p>{{ end }}
            </body></html>
            """,
    };

    public string Render(string name, JsonObject scope, TemplateTarget target) => renderer.RenderText(Text(name), scope, target);

    private string Text(string name)
    {
        if (options.Value.TemplatesDirectory is { Length: > 0 } folder && Path.Combine(folder, name) is var path && File.Exists(path))
            return File.ReadAllText(path);
        return BuiltIn[name];
    }
}
