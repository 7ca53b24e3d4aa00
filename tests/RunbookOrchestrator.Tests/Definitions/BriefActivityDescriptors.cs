using RunbookOrchestrator.Activities;

namespace RunbookOrchestrator.Tests.Definitions;

/// <summary>The activity table of the brief, as descriptors: the data the validator checks steps against.</summary>
internal static class BriefActivityDescriptors
{
    private static ActivityParameter P(string name, string type, bool required = false, ParameterKind kind = ParameterKind.Template) =>
        new(name, type, required, name, kind);

    public static readonly IReadOnlyList<ActivityDescriptor> All =
    [
        new("http.request", "HTTP call",
            [P("url", "string", true), P("method", "string"), P("headers", "object"), P("body", "any"), P("timeout", "duration"), P("expect_status", "any"), P("max_response_bytes", "int"), P("keep_body", "bool")],
            ["done", "failed"]),
        new("sql.query", "SQL query",
            [P("connection", "string", true), P("query", "string", true), P("parameters", "object"), P("max_rows", "int"), P("output", "string"), P("format", "string"), P("file_name", "string")],
            ["done", "failed"]),
        new("shell", "Process", [P("command", "array", true), P("working_directory", "string"), P("env", "object"), P("timeout", "duration"), P("max_output_bytes", "int")],
            ["done", "failed"], "infra"),
        new("set", "Set output", [P("values", "object", true)], ["done"]),
        new("fail", "Fail", [P("message", "string", true)], ["failed"]),
        new("notify", "Notify", [P("message", "string", true), P("channel", "string"), P("to", "string")], ["done"]),
        new("delay", "Delay", [P("duration", "duration"), P("until", "string")], ["done"]),
        new("wait.event", "Wait for event", [P("event", "string", true), P("timeout", "duration")], ["done", "timed_out"]),
        new("branch", "Branch", [P("condition", "string", true, ParameterKind.Expression)], ["true", "false"]),
        new("switch", "Switch", [P("cases", "object", true, ParameterKind.Expression)], ["default"]),
        new("parallel", "Parallel", [P("branches", "array", true, ParameterKind.Literal)], []),
        new("join", "Join", [P("mode", "string")], ["done"]),
        new("runbook.call", "Child run", [P("runbook", "string", true), P("inputs", "object"), P("wait", "bool")], ["done", "failed"]),
        new("approval", "Approval", [], ["approved", "rejected", "timed_out"]),
    ];
}
