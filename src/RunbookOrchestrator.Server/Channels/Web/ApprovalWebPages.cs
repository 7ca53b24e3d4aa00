using RunbookOrchestrator.Approvals;
using RunbookOrchestrator.Server.Approvals;
using RunbookOrchestrator.Server.Identity.Sessions;

namespace RunbookOrchestrator.Server.Channels.Web;

/// <summary><c>/approvals/{gateId}</c>: the approval page for signed-in people (Teams cards and Slack messages link here). The
/// designer's inbox will give it its look; the decision rules are the API's.</summary>
public static class ApprovalWebPages
{
    public static IEndpointRouteBuilder MapApprovalWebPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/approvals").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/{gateId}", ShowAsync);
        pages.MapPost("/{gateId}", DecideAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ShowAsync(HttpContext context, string gateId, IApprovalStore store, PageDecision decisions, IConfiguration configuration)
    {
        if (!SignedIn(context)) return SignInFirst(gateId);
        var gate = await store.FindAsync(gateId, context.RequestAborted);
        if (gate is null) return ReviewPage.Problem(context, StatusCodes.Status404NotFound, "No such approval", $"There is no approval '{gateId}'.");
        var why = DecisionRules.WhyNot(gate, context.User.ToReviewer());
        return await decisions.ShowAsync(context, gate, StatusCodes.Status200OK, why is null ? Path(gateId) : null, Hosting.PublicUrl.From(configuration),
            null, false, why is null || gate.Status != GateStatus.Pending ? null : why.Message);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, string gateId, IApprovalStore store, PageDecision decisions, IConfiguration configuration)
    {
        if (!SignedIn(context)) return SignInFirst(gateId);
        // A session's POST has passed the antiforgery check of every session request already.
        var gate = await store.FindAsync(gateId, context.RequestAborted);
        if (gate is null) return ReviewPage.Problem(context, StatusCodes.Status404NotFound, "No such approval", $"There is no approval '{gateId}'.");
        if (!context.Request.HasFormContentType)
            return ReviewPage.Problem(context, StatusCodes.Status415UnsupportedMediaType, "Send the form", "Decide with the page's form.");
        return await decisions.DecideAsync(context, gate, context.User.ToReviewer(), "web", null, Path(gateId), Hosting.PublicUrl.From(configuration));
    }

    private static bool SignedIn(HttpContext context) => context.User.Identity?.AuthenticationType == SessionAuthentication.Scheme;

    private static IResult SignInFirst(string gateId) => Results.Redirect("/auth/signin?returnUrl=" + Uri.EscapeDataString(Path(gateId)));

    private static string Path(string gateId) => "/approvals/" + Uri.EscapeDataString(gateId);
}
