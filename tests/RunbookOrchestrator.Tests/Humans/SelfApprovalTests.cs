using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Runtime;

namespace RunbookOrchestrator.Tests.Humans;

public class SelfApprovalTests
{
    [Fact]
    public void The_owner_of_an_agent_may_not_approve_what_the_agent_asked_for()
    {
        var owner = People.Name();

        Assert.True(SelfApproval.Forbids(new Requester(RequesterKind.Agent, "ops-bot", owner), owner.ToUpperInvariant()));
    }

    [Fact]
    public void A_human_may_not_approve_their_own_request_but_a_colleague_may()
    {
        string alice = People.Name(), bob = People.Name();
        var request = new Requester(RequesterKind.Human, alice);

        Assert.Equal((true, false), (SelfApproval.Forbids(request, alice), SelfApproval.Forbids(request, bob)));
    }
}
