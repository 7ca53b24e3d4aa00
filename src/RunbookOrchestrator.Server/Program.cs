using RunbookOrchestrator.Server.Cli;

if (CliCommands.Find(args) is { } command)
    return await command.RunAsync(args[1..], CliConsole.System);

if (args is ["help"] or ["--help"] or ["-h"])
{
    CliCommands.PrintUsage(Console.Out);
    return 0;
}

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "ok" }));
await app.RunAsync();
return 0;

/// <summary>Entry point marker for WebApplicationFactory.</summary>
public partial class Program;
