using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Audit;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Channels.Web;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Sessions;

namespace RunbookOrchestrator.Server.Channels.Links;

/// <summary><c>/review/{token}</c>: a reviewer's link from an email. GET and HEAD only show (mail scanners and chat previews fetch
/// links, and must decide nothing), and every one is recorded; only the page's POST, with its antiforgery token, decides, using
/// the link up in the decision's transaction. A gate that requires sign-in sends the reviewer to sign in first and accepts only
/// the link's own reviewer.</summary>
public static class ReviewLinkPages
{
    public static IEndpointRouteBuilder MapReviewLinkPages(this IEndpointRouteBuilder app)
    {
        var links = app.MapGroup("/review").AllowAnonymous().ExcludeFromDescription();
        links.MapMethods("/{token}", [HttpMethods.Get, HttpMethods.Head], ShowAsync);
        links.MapPost("/{token}", DecideAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string token, ReviewLinks links, IApprovalStore store, PageDecision pages,
        IAuditTrail audit, IConfiguration configuration)
    {
        var (check, gate, refusal) = await OpenAsync(context, token, links, store);
        if (refusal is not null)
        {
            if (check is not null) await RecordOpenedAsync(context, audit, check, gate, check.Problem == ReviewLinkProblem.Expired ? "expired" : "refused");
            return refusal;
        }
        var baseUrl = Hosting.PublicUrl.From(configuration);
        if (SignInRefusal(context, check!, gate!, token) is { } signIn)
        {
            await RecordOpenedAsync(context, audit, check!, gate, signIn.Outcome);
            return signIn.Result;
        }
        await RecordOpenedAsync(context, audit, check!, gate, check!.Problem == ReviewLinkProblem.Used ? "used" : "shown");
        var usable = check.Problem == ReviewLinkProblem.None && gate!.Status == GateStatus.Pending;
        var notice = check.Problem == ReviewLinkProblem.Used ? "This link has been used; it shows the request's status only." : null;
        return await pages.ShowAsync(context, gate!, StatusCodes.Status200OK, usable ? ReviewLinks.PathPrefix + token : null, baseUrl, notice, false);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, string token, ReviewLinks links, IApprovalStore store, PageDecision pages,
        IHumanDirectory directory, IConfiguration configuration)
    {
        var (check, gate, refusal) = await OpenAsync(context, token, links, store);
        if (refusal is not null) return refusal;
        if (check!.Problem == ReviewLinkProblem.Used)
            return ReviewPage.Problem(context, StatusCodes.Status409Conflict, "This link has been used", "Each link decides once; this one already has.");
        if (check.Problem == ReviewLinkProblem.Expired)
            return ReviewPage.Problem(context, StatusCodes.Status410Gone, "This link has expired", "Links expire with the request they were sent for.");
        if (SignInRefusal(context, check, gate!, token) is { } signIn) return signIn.Result;
        if (!context.Request.HasFormContentType || !await BrowserAntiforgery.IsValidAsync(context))
            return ReviewPage.Problem(context, StatusCodes.Status400BadRequest, "The form could not be accepted",
                "It has expired or did not come from this site. Open the link again and decide from its page.");
        var user = await directory.FindByNameAsync(check.Link.Reviewer, context.RequestAborted);
        if (user is null or { Disabled: true })
            return ReviewPage.Problem(context, StatusCodes.Status403Forbidden, "This link cannot decide", "Its reviewer is no longer an active user here.");
        var reviewer = new Reviewer("human", user.Name, user.Groups);
        return await pages.DecideAsync(context, gate!, reviewer, ReviewChannels.Email, check.Link.Id, ReviewLinks.PathPrefix + token, Hosting.PublicUrl.From(configuration));
    }

    private static async Task<(ReviewLinkCheck? Check, ApprovalGateData? Gate, IResult? Refusal)> OpenAsync(HttpContext context, string token, ReviewLinks links, IApprovalStore store)
    {
        var check = await links.CheckAsync(token, context.RequestAborted);
        if (check is null)
            return (null, null, ReviewPage.Problem(context, StatusCodes.Status404NotFound, "This is not a valid review link",
                "The link is incomplete or has been changed. Open it again from the message, or find the request in your approvals."));
        var gate = await store.FindAsync(check.Link.GateId, context.RequestAborted);
        if (gate is null)
            return (check, null, ReviewPage.Problem(context, StatusCodes.Status404NotFound, "This request no longer exists", "The approval this link was for is gone."));
        if (check.Problem == ReviewLinkProblem.Expired && gate.Status == GateStatus.Pending)
            return (check, gate, ReviewPage.Problem(context, StatusCodes.Status410Gone, "This link has expired", "Links expire with the request they were sent for."));
        return (check, gate, null);
    }

    private static (IResult Result, string Outcome)? SignInRefusal(HttpContext context, ReviewLinkCheck check, ApprovalGateData gate, string token)
    {
        var requireSignIn = gate.ReviewJson is { } json && JsonNode.Parse(json)?["require_sign_in"]?.GetValue<bool>() == true;
        var signedIn = context.User.Identity?.AuthenticationType == SessionAuthentication.Scheme
            ? context.User.FindFirst(AgentClaimTypes.Name)?.Value : null;
        if (signedIn is null)
            return requireSignIn
                ? (Results.Redirect("/auth/signin?returnUrl=" + Uri.EscapeDataString(ReviewLinks.PathPrefix + token)), "sign_in_required")
                : null;
        // Signed in as someone else, a link is not theirs to use, whatever the gate requires.
        return HumanNames.Same(signedIn, check.Link.Reviewer)
            ? null
            : (ReviewPage.Problem(context, StatusCodes.Status403Forbidden, "This link is for another reviewer",
                $"You are signed in as {signedIn}; this link was sent to someone else. Decide from your own message or your approvals."), "other_reviewer");
    }

    private static Task RecordOpenedAsync(HttpContext context, IAuditTrail audit, ReviewLinkCheck check, ApprovalGateData? gate, string outcome)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        return audit.AppendAsync([new AuditRecord(AuditEventKinds.ReviewLinkOpened, "human", check.Link.Reviewer, gate?.RunId, gate?.StepId, ReviewChannels.Email,
            context.Connection.RemoteIpAddress?.ToString(), Data: new JsonObject
            {
                ["gate_id"] = check.Link.GateId, ["link_id"] = check.Link.Id, ["method"] = context.Request.Method,
                ["user_agent"] = agent.Length > 200 ? agent[..200] : agent, ["outcome"] = outcome,
            })], context.RequestAborted);
    }
}
