using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Tests.Process;

namespace RunbookOrchestrator.Tests.Identity;

/// <summary>A malformed bootstrap variable stops the real server at start, naming the variable and the expected shape, never the value.</summary>
public sealed class BootstrapSettingsRefuseStartTests
{
    [Theory]
    [InlineData("RBO_BOOTSTRAP_AGENT_KEY", "rbo_short_secret-value-123", "rbo_<8 lower-case letters or digits>_<43 base64url characters>")]
    [InlineData("RBO_BOOTSTRAP_AGENT_KEY", "secret-value-123", "rbo_<8 lower-case letters or digits>_<43 base64url characters>")]
    [InlineData("RBO_BOOTSTRAP_USERS", "alice-secret-value-123", "expected name:token or name:token:group1,group2")]
    [InlineData("RBO_BOOTSTRAP_USERS", "Аlice:secret-value-123:sre", "outside ASCII")]
    public async Task Malformed_bootstrap_variable_stops_the_server_naming_it(string variable, string value, string expectedShape)
    {
        var outcome = await RefusedStart.RunAsync(new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"cannot start: {variable}", outcome.Output);
        Assert.Contains(expectedShape, outcome.Output);
        Assert.DoesNotContain("secret-value-123", outcome.Output);
        Assert.DoesNotContain("   at ", outcome.Output);
        Assert.False(outcome.DatabaseCreated, "nothing is created before the check");
    }

    [Fact]
    public void Well_formed_or_absent_bootstrap_variables_let_the_server_start()
    {
        var key = RunbookOrchestrator.Identity.ApiKeyFormat.Generate().Reveal();
        var values = new Dictionary<string, string?> { ["RBO_BOOTSTRAP_AGENT_KEY"] = key, ["RBO_BOOTSTRAP_USERS"] = "alice:token-a:sre;bob:token-b" };

        Assert.Empty(BootstrapEnvironment.Problems(values.GetValueOrDefault));
        Assert.Empty(BootstrapEnvironment.Problems(_ => null));
    }
}
