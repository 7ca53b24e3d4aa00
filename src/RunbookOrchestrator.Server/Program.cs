using RunbookOrchestrator.Server.Runbooks;
using RunbookOrchestrator.Server.Designer;
using RunbookOrchestrator.Server.Channels;
using RunbookOrchestrator.Server.Api;
using RunbookOrchestrator.Server.Api.OpenApi;
using RunbookOrchestrator.Server.Approvals;
using RunbookOrchestrator.Server.Audit;
using RunbookOrchestrator.Server.Cli;
using RunbookOrchestrator.Server.Demo;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Identity.Sessions;
using RunbookOrchestrator.Server.Masking;
using RunbookOrchestrator.Server.Policy;
using RunbookOrchestrator.Server.Hosting;
using RunbookOrchestrator.Server.Scheduling;

if (CliCommands.Find(args) is { } command)
    return await command.RunAsync(args[1..], CliConsole.System);

if (args is ["help"] or ["--help"] or ["-h"])
{
    CliCommands.PrintUsage(Console.Out);
    return 0;
}

if (RunbookOrchestrator.Server.Identity.BootstrapEnvironment.Problems() is { Count: > 0 } bootstrapProblems)
{
    foreach (var problem in bootstrapProblems) Console.Error.WriteLine($"RunbookOrchestrator cannot start: {problem}");
    return 2;
}

var builder = WebApplication.CreateBuilder(args);
OrchestratorPaths paths;
try
{
    paths = builder.AddRunbookOrchestrator();
}
catch (RunbookOrchestrator.Egress.EgressConfigurationException e)
{
    Console.Error.WriteLine($"RunbookOrchestrator cannot start: {e.Message}");
    return 2;
}

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseBrowserAntiforgery();
app.UseAuthorization();
app.MapTimersDashboard();
app.MapOpenApi("/openapi/v1.json");
app.MapApiReference();
app.MapGet("/health", () => Results.Json(new RunbookOrchestrator.Server.Api.OpenApi.HealthResponse("ok"))).AllowAnonymous().WithTags("Health").WithName("getHealth")
    .Produces<RunbookOrchestrator.Server.Api.OpenApi.HealthResponse>();
app.MapRunsApi();
app.MapRunbooksApi();
app.MapRunbookEditingApi();
app.MapActivitiesApi();
app.MapIdentityApi();
app.MapSignInPages();
app.MapOidcSignIn();
app.MapSignInLinkPages();
app.MapReviewChannels();
app.MapPolicyApi();
app.MapApprovalsApi();
app.MapAuditApi();
app.MapRunAuditApi();
app.MapMaskingApi();
app.MapDesigner();
if (app.Services.GetRequiredService<OrchestratorOptions>().Demo)
    app.MapDemoInfrastructure(paths.DataDirectory);

await OrchestratorStartup.InitializeAsync(app);

// At build time (see the csproj): the document the designer's typed client is generated from, then exit.
if (args is [OpenApiDocumentFile.Verb, var documentPath])
    return await OpenApiDocumentFile.WriteAsync(app, documentPath);

await app.RunAsync();
return 0;

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
