using RunbookOrchestrator.Identity;

namespace RunbookOrchestrator.Server.Identity;

/// <summary>The one-time banner that shows a freshly created demo key on the console.</summary>
public static class DemoAgentKey
{
    /// <summary>Text to print once on first start; the only place the demo key is ever shown.</summary>
    public static string Banner(IssuedAgentKey issued) =>
        $"""
        A demo agent key was created (agent '{issued.Key.AgentName}', owner '{issued.Key.Owner}', all runbooks).
        It is shown only now and is not stored anywhere in readable form:

            {issued.RawKey}

        Use it as:  Authorization: Bearer <key>
        """;
}
