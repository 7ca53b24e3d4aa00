using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Identity.Humans;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Humans;

/// <summary>A real Kestrel server on 127.0.0.1 with agent and human identities registered the way the product does, serving <c>/api/me</c>.</summary>
public sealed class HumanTestServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private HumanTestServer(WebApplication app, HttpClient client)
    {
        this.app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<HumanTestServer> StartAsync(TemporaryOrchestratorDatabase database, IDictionary<string, string?>? configuration = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(configuration ?? new Dictionary<string, string?>());
        builder.Services.AddDbContext<OrchestratorDbContext>(o => o.UseSqlite(OrchestratorDatabase.SqliteConnectionString(database.DataDir)));
        builder.Services.AddAgentKeyAuthentication();
        builder.Services.AddHumanIdentities(builder.Configuration);
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapIdentityApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HumanTestServer(app, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
