using System.Text;

namespace RunbookOrchestrator.Tests.Api.Malformed;

/// <summary>The bodies no POST endpoint may answer with a 500: each a name (for the test row) and the raw bytes sent as application/json.</summary>
public static class MalformedBodies
{
    public const int Depth = 1000;

    public static readonly IReadOnlyDictionary<string, byte[]> All = new Dictionary<string, byte[]>
    {
        ["empty"] = [],
        ["null"] = "null"u8.ToArray(),
        ["array at the top"] = "[1, 2, 3]"u8.ToArray(),
        ["string at the top"] = "\"approve\""u8.ToArray(),
        ["number at the top"] = "42"u8.ToArray(),
        ["duplicate keys"] = "{\"reason\": \"first\", \"reason\": \"second\"}"u8.ToArray(),
        ["invalid UTF-8"] = [.. "{\"reason\": \""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8],
        ["lone surrogate escape"] = "{\"reason\": \"\\ud800\"}"u8.ToArray(),
        ["1 MB string"] = Encoding.UTF8.GetBytes("{\"reason\": \"" + new string('a', 1024 * 1024) + "\"}"),
        ["nesting depth 1000"] = Encoding.UTF8.GetBytes("{\"reason\": " + new string('[', Depth) + new string(']', Depth) + "}"),
        ["truncated"] = "{\"reason\": \"cut"u8.ToArray(),
    };

    public static IEnumerable<object[]> Names() => All.Keys.Select(k => new object[] { k });
}
