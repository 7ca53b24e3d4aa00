using System.Net;
using System.Security.Claims;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Identity;

namespace RunbookOrchestrator.Server.Scheduling;

/// <summary>Hangfire's dashboard at <c>/hangfire</c>: what fires next, what failed. Read-only, and only for humans in the <c>admins</c>
/// group (personal token or, once sign-in exists, session); agents never, whatever they are scoped to.</summary>
internal static class TimersDashboard
{
    public const string Path = "/hangfire";
    public const string AdminsGroup = "admins";

    /// <summary>True for a human caller in the admins group.</summary>
    public static bool MayOpen(ClaimsPrincipal caller) =>
        caller.Identity?.IsAuthenticated == true
        && caller.HasClaim(AgentClaimTypes.Kind, AgentClaimTypes.HumanKind)
        && caller.HasClaim(AgentClaimTypes.Group, AdminsGroup);

    public static WebApplication MapTimersDashboard(this WebApplication app)
    {
        // Answered here, in the API's problem shape, before Hangfire sees the request; Hangfire's own filter repeats the check.
        app.UseWhen(c => c.Request.Path.StartsWithSegments(Path), branch => branch.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated != true)
            {
                await context.ChallengeAsync();
                return;
            }
            if (!MayOpen(context.User))
            {
                await ApiProblems.WriteAsync(context, StatusCodes.Status403Forbidden, "forbidden", "Not allowed",
                    context.User.HasClaim(AgentClaimTypes.Kind, AgentClaimTypes.HumanKind)
                        ? $"The timers dashboard needs membership of the '{AdminsGroup}' group, which you do not have."
                        : $"The timers dashboard is for humans in the '{AdminsGroup}' group; agent keys may never open it.",
                    new Dictionary<string, object?> { ["missing_group"] = AdminsGroup });
                return;
            }
            context.Response.Headers.CacheControl = "no-store";
            await next();
        }));
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminsOnly()],
            IsReadOnlyFunc = _ => true,
            DisplayStorageConnectionString = false,
            DashboardTitle = "RunbookOrchestrator timers",
            AppPath = "/",
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>Lists a timer job's timers on its details page, read live from this node's buckets.</summary>
    public static NonEscapedString RenderTimers(JobDetailsRendererDto dto)
    {
        if (dto.JobDetails.Job?.Type != typeof(WakeTimersJob) || dto.JobDetails.Job.Args is not [string due, ..]) return new NonEscapedString("");
        if (dto.Page.Context.GetHttpContext().RequestServices.GetService<TimerBuckets>() is not { } buckets
            || !DateTimeOffset.TryParse(due, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at))
            return new NonEscapedString("");
        var timers = buckets.Pending(TimerBuckets.SecondOf(at));
        var rows = string.Concat(timers.Select(t =>
            $"<tr><td>{Encode(t.Purpose)}</td><td>{Encode(t.RunId)}</td><td>{Encode(t.At.UtcDateTime.ToString("O"))}</td></tr>"));
        var body = timers.Count == 0
            ? "<p>No timer of this node is pending in this second (fired, ended early, or scheduled by another node).</p>"
            : $"<table class=\"table\" data-timers><thead><tr><th>Timer</th><th>Run</th><th>Due</th></tr></thead><tbody>{rows}</tbody></table>";
        return new NonEscapedString($"<div class=\"job-snippet\"><h3>Timers in this job</h3>{body}</div>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed class AdminsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => MayOpen(context.GetHttpContext().User);
    }
}
