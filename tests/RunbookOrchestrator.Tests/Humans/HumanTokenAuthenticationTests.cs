using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Identity.Humans;
using RunbookOrchestrator.Server.Persistence.Identity;
using RunbookOrchestrator.Tests.Identity;

namespace RunbookOrchestrator.Tests.Humans;

public class HumanTokenAuthenticationTests
{
    private static async Task<IssuedUserToken> AddUserWithTokenAsync(TemporaryOrchestratorDatabase database, string name, params string[] groups)
    {
        await using var db = database.Open();
        await new EfHumanUserStore(db).AddAsync(new HumanUser(name, "", null, groups, false));
        return await new EfUserTokenStore(db).IssueAsync(name);
    }

    private static HttpRequestMessage Me(string bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [Fact]
    public async Task A_user_token_authenticates_as_a_human_with_the_users_groups()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var alice = People.Name();
        var issued = await AddUserWithTokenAsync(database, alice, "sre", "data-owners");
        await using var server = await HumanTestServer.StartAsync(database);

        var response = await server.Client.SendAsync(Me(issued.RawToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await BodyAsync(response);
        Assert.Equal("human", (string?)me["kind"]);
        Assert.Equal(alice, (string?)me["name"]);
        Assert.Equal(["data-owners", "sre"], me["groups"]!.AsArray().Select(g => (string?)g));
    }

    [Fact]
    public async Task An_operator_chosen_bootstrap_token_authenticates_as_its_user()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string bob = People.Name(), token = People.Token();
        await using (var db = database.Open())
        {
            await new EfHumanUserStore(db).AddAsync(new HumanUser(bob, "", null, [], false));
            await new EfUserTokenStore(db).CreateAsync(SecretTokenFormat.NewId(), bob, token, "bootstrap");
        }
        await using var server = await HumanTestServer.StartAsync(database);

        var me = await BodyAsync(await server.Client.SendAsync(Me(token)));

        Assert.Equal(bob, (string?)me["name"]);
    }

    [Fact]
    public async Task A_revoked_user_token_gets_401_saying_it_was_revoked()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var issued = await AddUserWithTokenAsync(database, People.Name());
        await using (var db = database.Open())
            await new EfUserTokenStore(db).RevokeAsync(issued.Token.Id);
        await using var server = await HumanTestServer.StartAsync(database);

        var response = await server.Client.SendAsync(Me(issued.RawToken));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await BodyAsync(response);
        Assert.Equal("revoked user token", (string?)problem["title"]);
        Assert.DoesNotContain(issued.RawToken[13..], problem.ToJsonString() + response.Headers);
    }

    [Fact]
    public async Task A_disabled_users_token_gets_401()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var carol = People.Name();
        var issued = await AddUserWithTokenAsync(database, carol);
        await using (var db = database.Open())
            await new EfHumanUserStore(db).SetDisabledAsync(carol, true);
        await using var server = await HumanTestServer.StartAsync(database);

        var response = await server.Client.SendAsync(Me(issued.RawToken));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("disabled user", (string?)(await BodyAsync(response))["title"]);
    }

    [Fact]
    public async Task An_unknown_bearer_token_gets_401_without_being_echoed()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var server = await HumanTestServer.StartAsync(database);
        var token = People.Token();

        var response = await server.Client.SendAsync(Me(token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("personal token", body);
        Assert.DoesNotContain(token, body + response.Headers);
    }

    [Fact]
    public async Task Agent_keys_still_authenticate_as_agents_with_owner_and_scope()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var owner = People.Name();
        IssuedAgentKey issued;
        await using (var db = database.Open())
            issued = await new EfAgentKeyStore(db).IssueAsync(new AgentKeyRequest("ops-bot", owner, ["health-check"]));
        await using var server = await HumanTestServer.StartAsync(database);

        var me = await BodyAsync(await server.Client.SendAsync(Me(issued.RawKey)));

        Assert.Equal("agent", (string?)me["kind"]);
        Assert.Equal(owner, (string?)me["owner"]);
        Assert.Equal(["health-check"], me["allowed_runbooks"]!.AsArray().Select(r => (string?)r));
    }

    [Fact]
    public async Task A_user_declared_only_in_configuration_authenticates_with_configured_groups()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        string dana = People.Name(), token = People.Token();
        await using (var db = database.Open())
            await new EfUserTokenStore(db).CreateAsync(SecretTokenFormat.NewId(), dana, token, "bootstrap");
        await using var server = await HumanTestServer.StartAsync(database, new Dictionary<string, string?>
        {
            ["Orchestrator:Users:0:Name"] = dana,
            ["Orchestrator:Users:0:Groups:0"] = "approvers",
        });

        var me = await BodyAsync(await server.Client.SendAsync(Me(token)));

        Assert.Equal(["approvers"], me["groups"]!.AsArray().Select(g => (string?)g));
    }
}
