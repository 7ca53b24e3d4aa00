using Microsoft.Extensions.Configuration;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence.Identity;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Humans;

public class ConfiguredUsersTests
{
    private static ConfiguredHumans Configured(Dictionary<string, string?> values) =>
        ConfiguredHumans.From(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

    [Fact]
    public async Task Configured_users_are_merged_with_database_users_and_the_database_wins()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string alice = People.Name(), bob = People.Name();
        var configured = Configured(new()
        {
            ["Orchestrator:Users:0:Name"] = alice,
            ["Orchestrator:Users:0:Groups:0"] = "config-group",
            ["Orchestrator:Users:1:Name"] = bob,
            ["Orchestrator:Users:1:Groups:0"] = "config-group",
        });
        await using var db = database.Open();
        await new EfHumanUserStore(db).AddAsync(new HumanUser(alice, "", null, ["db-group"], false));

        var directory = new EfHumanDirectory(db, configured);

        Assert.Equal(["db-group"], await directory.GroupsOfAsync(alice));
        Assert.Equal([bob], await directory.MembersOfAsync("config-group"));
        Assert.Equal(2, (await directory.ListAsync()).Count);
    }

    [Fact]
    public void An_invalid_configured_user_is_named_by_its_position_and_field()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configured(new()
        {
            ["Orchestrator:Users:0:Name"] = People.Name(),
            ["Orchestrator:Users:1:Name"] = "two words",
        }));

        Assert.Contains("Orchestrator:Users:1", error.Message);
        Assert.Contains("user name 'two words'", error.Message);
    }

    [Fact]
    public void Configured_names_and_groups_are_lower_cased_so_case_never_makes_two_people()
    {
        var configured = Configured(new()
        {
            ["Orchestrator:Users:0:Name"] = "Alice",
            ["Orchestrator:Users:0:Groups:0"] = "SRE",
        });

        Assert.Equal(("alice", "sre"), (configured.Users[0].Name, configured.Users[0].Groups.Single()));
    }
}
