using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence.Identity;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Humans;

public class ApproverExpansionTests
{
    private static async Task<IHumanDirectory> DirectoryAsync(TemporaryOrchestratorDatabase database, params HumanUser[] users)
    {
        await using (var db = database.Open())
            foreach (var user in users) await new EfHumanUserStore(db).AddAsync(user);
        // The directory reads through its own context, as a request scope would.
        return new EfHumanDirectory(database.Open(), ConfiguredHumans.None);
    }

    private static HumanUser User(string name, bool disabled = false, params string[] groups) => new(name, name, null, groups, disabled);

    [Fact]
    public async Task Group_entries_expand_to_the_groups_enabled_members()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string alice = People.Name(), bob = People.Name(), eve = People.Name();
        var directory = await DirectoryAsync(database, User(alice, false, "sre"), User(bob, false, "sre"), User(eve, true, "sre"));

        var resolved = await directory.ExpandApproversAsync(["group:sre"]);

        Assert.Equal(new[] { alice, bob }.Order(StringComparer.Ordinal), resolved.Users);
    }

    [Fact]
    public async Task A_plain_name_expands_to_that_user_only()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string alice = People.Name(), bob = People.Name();
        var directory = await DirectoryAsync(database, User(alice, false, "sre"), User(bob, false, "sre"));

        var resolved = await directory.ExpandApproversAsync([alice.ToUpperInvariant()]);

        Assert.Equal([alice], resolved.Users);
    }

    [Fact]
    public async Task A_plain_group_name_as_in_runbook_owners_expands_to_its_members()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var alice = People.Name();
        var directory = await DirectoryAsync(database, User(alice, false, "data-owners"));

        var resolved = await directory.ExpandApproversAsync(["data-owners"]);

        Assert.Equal([alice], resolved.Users);
    }

    [Fact]
    public async Task Entries_naming_nobody_are_reported_as_unresolved()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var eve = People.Name();
        var directory = await DirectoryAsync(database, User(eve, true));

        var resolved = await directory.ExpandApproversAsync([eve, "group:nobody-here"]);

        Assert.Empty(resolved.Users);
        Assert.Equal([eve, "group:nobody-here"], resolved.Unresolved);
    }
}
