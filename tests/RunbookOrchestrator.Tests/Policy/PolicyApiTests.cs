using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RunbookOrchestrator.Definitions;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Hosting;
using RunbookOrchestrator.Server.Identity;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Server.Persistence.Identity;
using RunbookOrchestrator.Server.Policy;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Policy;

public class PolicyApiTests
{
    private static async Task<(WebApplication App, HttpClient Client)> StartAsync(TemporaryOrchestratorDatabase database)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDbContext<OrchestratorDbContext>(o => o.UseSqlite(OrchestratorDatabase.SqliteConnectionString(database.DataDir)));
        builder.Services.AddAgentKeyAuthentication();
        builder.Services.AddRunbookLanguage();
        builder.Services.AddSingleton<IRunbookCatalog>(sp => new RunbookDirectoryCatalog(Policies.RepositoryFile("runbooks"),
            sp.GetRequiredService<RunbookValidator>(), sp.GetRequiredService<ILogger<RunbookDirectoryCatalog>>(), watch: false));
        builder.Services.AddPolicy(Policies.RepositoryFile("runbooks", "policies.yaml"), "production");
        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPolicyApi();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }

    private static async Task<HttpResponseMessage> GetAsync(TemporaryOrchestratorDatabase database, string path)
    {
        IssuedAgentKey issued;
        await using (var db = database.Open())
            issued = await new EfAgentKeyStore(db).IssueAsync(new AgentKeyRequest("ops-bot", "alice", ["*"]));
        var (app, client) = await StartAsync(database);
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issued.RawKey);
            var response = await client.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
        finally
        {
            client.Dispose();
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Explain_names_the_rule_and_gate_of_each_step_in_snake_case()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();

        var response = await GetAsync(database, "/api/policy/explain?runbook=export-customer-data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["steps"]![0]!;
        Assert.Equal(("export", "require_approval", "data-exports-need-data-owners"), ((string?)export["step_id"], (string?)export["decision"], (string?)export["rule"]));
        Assert.Equal("group:data-owners", (string?)export["gate"]!["approvers"]![0]);
        Assert.False((bool)export["depends_on_runtime_values"]!);
    }

    [Fact]
    public async Task Explain_of_an_unknown_runbook_is_a_404_problem()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();

        var response = await GetAsync(database, "/api/policy/explain?runbook=no-such-runbook");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_policy_endpoint_lists_the_rules_in_order_and_no_errors()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();

        var response = await GetAsync(database, "/api/policy");

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("health-checks-run-freely", (string?)body["rules"]![0]!["id"]);
        Assert.Empty(body["errors"]!.AsArray());
        Assert.Equal("production", (string?)body["environment"]);
    }
}
