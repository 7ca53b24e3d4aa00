using RunbookOrchestrator.Server.Cli;

namespace RunbookOrchestrator.Tests;

public class CliCommandsTests
{
    [Fact]
    public void Unknown_verb_is_not_a_command()
    {
        Assert.Null(CliCommands.Find(["no-such-verb"]));
    }
}
