using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Persistence;

namespace RunbookOrchestrator.Tests.Identity;

/// <summary>A real Kestrel server on 127.0.0.1 with agent key authentication registered the way the product does.</summary>
public sealed class AgentKeyTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private AgentKeyTestServer(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<AgentKeyTestServer> StartAsync(TemporaryOrchestratorDatabase database)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDbContext<OrchestratorDbContext>(o => o.UseSqlite(OrchestratorDatabase.SqliteConnectionString(database.DataDir)));
        builder.Services.AddAgentKeyAuthentication();
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/whoami", (ClaimsPrincipal user) =>
        {
            var requester = user.ToRequester();
            return new { kind = requester.Kind.ToString(), requester.Name, requester.Owner, may_scale = user.MayTrigger("scale-service") };
        }).RequireAuthorization();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AgentKeyTestServer(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
