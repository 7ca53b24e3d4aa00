using RunbookOrchestrator.Identity;

namespace RunbookOrchestrator.Tests.Identity;

public class AgentKeyScopeTests
{
    private static AgentKey Key(params string[] runbooks) =>
        new("abcd1234", "ops-bot", "alice", runbooks, DateTimeOffset.UnixEpoch, null);

    [Fact]
    public void Key_scoped_to_listed_runbooks_may_trigger_exactly_those()
    {
        var key = Key("health-check", "scale-service");

        Assert.True(key.MayTrigger("health-check"));
        Assert.True(key.MayTrigger("scale-service"));
        Assert.False(key.MayTrigger("export-customer-data"));
    }

    [Fact]
    public void Wildcard_key_may_trigger_any_runbook()
    {
        Assert.True(Key("*").MayTrigger("rotate-credentials"));
    }

    [Fact]
    public void Runbook_scope_is_case_sensitive()
    {
        Assert.False(Key("health-check").MayTrigger("Health-Check"));
    }

    [Fact]
    public void Revoked_key_may_trigger_nothing()
    {
        var revoked = Key("*") with { RevokedAt = DateTimeOffset.UnixEpoch };

        Assert.False(revoked.MayTrigger("health-check"));
    }
}
