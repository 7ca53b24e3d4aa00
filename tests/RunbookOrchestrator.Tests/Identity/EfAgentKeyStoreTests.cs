using System.Text;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Tests.Identity;

public class EfAgentKeyStoreTests
{
    private static readonly AgentKeyRequest OpsBot = new("ops-bot", "alice@example.com", ["health-check", "scale-service"]);

    [Fact]
    public async Task Created_key_is_stored_hashed_and_the_raw_key_never_reaches_the_database_file()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        IssuedAgentKey issued;
        await using (var db = database.Open())
            issued = await new EfAgentKeyStore(db).IssueAsync(OpsBot);

        var bytes = database.AllFileBytes();
        var secret = issued.RawKey[13..];
        Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)));
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes("alice@example.com")));
    }

    [Fact]
    public async Task Stored_key_is_found_by_its_id_and_verifies_against_the_raw_key()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new EfAgentKeyStore(db);
        var issued = await store.IssueAsync(OpsBot);

        await using var other = database.Open();
        var found = await new EfAgentKeyStore(other).FindByIdAsync(issued.Key.Id);

        Assert.NotNull(found);
        Assert.True(ApiKeyFormat.TryParse(issued.RawKey, out var parsed));
        Assert.True(ApiKeyFormat.Matches(parsed, found.SecretHash));
        Assert.Equal(("ops-bot", "alice@example.com"), (found.Key.AgentName, found.Key.Owner));
        Assert.Equal(["health-check", "scale-service"], found.Key.AllowedRunbooks);
    }

    [Fact]
    public async Task Key_without_an_owner_is_refused_with_a_message_naming_the_owner()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new EfAgentKeyStore(db).IssueAsync(new AgentKeyRequest("ops-bot", " ", ["*"])));

        Assert.Contains("owner", error.Message);
    }

    [Fact]
    public async Task Revoked_key_is_listed_with_its_revocation_time()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();
        var store = new EfAgentKeyStore(db);
        var kept = await store.IssueAsync(OpsBot);
        var revoked = await store.IssueAsync(OpsBot with { AgentName = "old-bot" });

        Assert.True(await store.RevokeAsync(revoked.Key.Id));

        var keys = await store.ListAsync();
        Assert.Null(keys.Single(k => k.Id == kept.Key.Id).RevokedAt);
        Assert.NotNull(keys.Single(k => k.Id == revoked.Key.Id).RevokedAt);
    }

    [Fact]
    public async Task Revoking_an_unknown_id_reports_that_nothing_was_revoked()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();

        Assert.False(await new EfAgentKeyStore(db).RevokeAsync("nokey123"));
    }
}
