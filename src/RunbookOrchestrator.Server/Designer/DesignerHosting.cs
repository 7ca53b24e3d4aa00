using Microsoft.Extensions.FileProviders;
using RunbookOrchestrator.Server.Identity.Sessions;

namespace RunbookOrchestrator.Server.Designer;

/// <summary>Serves the built designer (<c>designer/dist</c>, or <c>Orchestrator:DesignerDirectory</c>) at <c>/</c> and its routes
/// (<c>/runbooks/{id}</c>, <c>/runs</c>, <c>/runs/{id}</c>, <c>/approvals</c>, <c>/audit</c>) to signed-in people; anyone else
/// is sent to sign in. The app's data comes from the API with the session, under the API's rules. <c>/approvals/{id}</c> stays
/// the server's approval page until the designer has its own.</summary>
public static class DesignerHosting
{
    private static readonly string[] Routes = ["/", "/runbooks/{id}", "/runbooks/{id}/edit", "/runs", "/runs/{id}", "/approvals", "/audit"];

    public static WebApplication MapDesigner(this WebApplication app)
    {
        var configured = app.Configuration["Orchestrator:DesignerDirectory"] ?? Path.Combine("designer", "dist");
        var dist = Path.GetFullPath(configured, app.Environment.ContentRootPath);
        var index = Path.Combine(dist, "index.html");
        if (File.Exists(index))
            app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(dist), ServeUnknownFileTypes = false });
        else
            app.Logger.LogWarning("The designer is not built ({Index} is missing): `dotnet build` builds it when Node.js is installed (npm ci and vite build in designer/)", index);

        foreach (var route in Routes)
            app.MapGet(route, (HttpContext context) =>
            {
                if (context.User.Identity?.AuthenticationType != SessionAuthentication.Scheme)
                    return Results.Redirect("/auth/signin?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));
                context.Response.Headers.CacheControl = "no-cache";
                return File.Exists(index)
                    ? Results.File(index, "text/html; charset=utf-8")
                    : Results.Content("<!doctype html><title>Designer not built</title><p>The designer is not built. Run <code>dotnet build</code> (it runs npm ci and vite build in designer/), then reload.</p>",
                        "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
            }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
