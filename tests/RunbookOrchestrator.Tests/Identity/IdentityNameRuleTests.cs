using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;

namespace RunbookOrchestrator.Tests.Identity;

/// <summary>One rule for user, owner, agent and group names: NFKC, trimmed, lower-case, ASCII; look-alikes refused at creation.</summary>
public sealed class IdentityNameRuleTests
{
    [Theory]
    [InlineData("alice", "alice")]
    [InlineData("Alice", "alice")]
    [InlineData("ALICE", "alice")]
    [InlineData("  alice\t", "alice")]
    [InlineData("\u00A0alice\u2003", "alice")] // no-break and em spaces are whitespace too
    [InlineData("\uFF41\uFF4C\uFF49\uFF43\uFF45", "alice")] // full-width Latin
    [InlineData("\uFF21LICE", "alice")] // full-width capital A
    [InlineData("\uFB01nance", "finance")] // the "fi" ligature
    [InlineData("\u212Aate", "kate")] // Kelvin sign
    [InlineData("\u24D0lice", "alice")] // circled a
    [InlineData("ops\uFF0Dbot", "ops-bot")] // full-width hyphen-minus
    [InlineData("Data-Owners", "data-owners")]
    public void Names_typed_differently_become_one_canonical_name(string typed, string canonical)
    {
        Assert.Equal(canonical, HumanNames.Normalize(typed));
        Assert.True(HumanNames.Same(typed, canonical));
        Assert.Null(HumanNames.Problem("user name", typed));
    }

    [Theory]
    [InlineData("\u0430lice")] // Cyrillic a
    [InlineData("b\u043Eb")] // Cyrillic o
    [InlineData("\u03BFps")] // Greek omicron
    [InlineData("al\u0131ce")] // Latin dotless i
    [InlineData("ali\u0307ce")] // combining dot above
    [InlineData("ali\u200Bce")] // zero-width space
    [InlineData("ali\u200Dce")] // zero-width joiner
    [InlineData("alice\uD800")] // lone surrogate
    [InlineData("\u202Eecila")] // right-to-left override
    public void Look_alike_and_invisible_characters_are_refused_at_creation(string typed)
    {
        var problem = HumanNames.Problem("user name", typed);

        Assert.NotNull(problem);
        Assert.False(HumanNames.Same(typed, "alice") && problem is null);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-alice")]
    [InlineData("al ice")]
    [InlineData("alice/bob")]
    public void Malformed_names_are_refused_with_the_rule(string typed) =>
        Assert.NotNull(HumanNames.Problem("user name", typed));

    [Fact]
    public void Names_that_differ_only_by_case_width_or_padding_are_the_same_name()
    {
        string[] spellings = ["Alice", "alice", " ALICE ", "\uFF21\uFF2C\uFF29\uFF23\uFF25"];

        Assert.All(spellings, a => Assert.All(spellings, b => Assert.True(HumanNames.Same(a, b))));
    }

    [Fact]
    public void An_agent_owner_written_with_a_cyrillic_letter_is_refused()
    {
        var problems = new AgentKeyRequest("ops-bot", "\u0430lice", ["*"]).Problems();

        Assert.Contains(problems, p => p.Contains("owner") && p.Contains("outside ASCII"));
    }

    [Fact]
    public void An_agent_name_with_a_space_is_refused()
    {
        var problems = new AgentKeyRequest("ops bot", "alice", ["*"]).Problems();

        Assert.Contains(problems, p => p.StartsWith("agent name"));
    }

    [Fact]
    public void Self_approval_compares_canonical_names()
    {
        var agentRequest = new RunbookOrchestrator.Runtime.Requester(RunbookOrchestrator.Runtime.RequesterKind.Agent, "ops-bot", "Alice");
        var humanRequest = new RunbookOrchestrator.Runtime.Requester(RunbookOrchestrator.Runtime.RequesterKind.Human, "\uFF42\uFF4F\uFF42");

        Assert.True(SelfApproval.Forbids(agentRequest, "alice"));
        Assert.True(SelfApproval.Forbids(humanRequest, "BOB"));
        Assert.False(SelfApproval.Forbids(agentRequest, "bob"));
    }
}
