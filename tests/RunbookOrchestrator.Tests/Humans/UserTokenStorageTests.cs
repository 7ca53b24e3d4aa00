using System.Text;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Persistence.Identity;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Humans;

public class UserTokenStorageTests
{
    [Fact]
    public async Task Tokens_are_stored_only_as_hashes_so_the_raw_token_is_absent_from_the_database_files()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var chosen = People.Token();
        IssuedUserToken issued;
        await using (var db = database.Open())
        {
            var store = new EfUserTokenStore(db);
            issued = await store.IssueAsync(People.Name());
            await store.CreateAsync(SecretTokenFormat.NewId(), People.Name(), chosen, "bootstrap");
        }

        var bytes = Encoding.ASCII.GetString(database.AllFileBytes());

        Assert.DoesNotContain(issued.RawToken[13..], bytes);
        Assert.DoesNotContain(chosen, bytes);
    }

    [Fact]
    public async Task Issued_tokens_have_the_rbu_shape_and_carry_their_id()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var db = database.Open();

        var issued = await new EfUserTokenStore(db).IssueAsync(People.Name());

        Assert.True(SecretTokenFormat.UserToken.TryParse(issued.RawToken, out var parsed));
        Assert.Equal(issued.Token.Id, parsed.Id);
        Assert.False(ApiKeyFormat.TryParse(issued.RawToken, out _));
    }

    [Fact]
    public async Task The_same_token_cannot_be_stored_twice()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var token = People.Token();
        await using var db = database.Open();
        var store = new EfUserTokenStore(db);
        await store.CreateAsync(SecretTokenFormat.NewId(), People.Name(), token, "bootstrap");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateAsync(SecretTokenFormat.NewId(), People.Name(), token, "bootstrap"));

        Assert.DoesNotContain(token, error.Message);
    }
}
