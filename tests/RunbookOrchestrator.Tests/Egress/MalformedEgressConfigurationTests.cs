using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Egress;

/// <summary>A malformed <c>Egress:Allow</c> entry stops the real server at start, naming the entry.</summary>
public sealed class MalformedEgressConfigurationTests
{
    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("http://crm.internal")]
    [InlineData("crm.*.internal")]
    public async Task A_malformed_allow_entry_stops_the_server_naming_it(string entry)
    {
        var outcome = await RefusedStart.RunAsync(new Dictionary<string, string> { ["Egress__Allow__0"] = "127.0.0.1/32", ["Egress__Allow__1"] = entry });

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"cannot start: Egress:Allow:1 ('{entry}')", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
    }
}
