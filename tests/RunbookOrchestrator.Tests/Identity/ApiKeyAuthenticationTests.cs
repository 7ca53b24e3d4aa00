using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RunbookOrchestrator.Identity;
using RunbookOrchestrator.Server.Persistence.Identity;

namespace RunbookOrchestrator.Tests.Identity;

public class ApiKeyAuthenticationTests
{
    private static async Task<IssuedAgentKey> IssueAsync(TemporaryOrchestratorDatabase database, params string[] runbooks)
    {
        await using var db = database.Open();
        return await new EfAgentKeyStore(db).IssueAsync(new AgentKeyRequest("ops-bot", "alice", runbooks.Length == 0 ? ["*"] : runbooks));
    }

    private static HttpRequestMessage WhoAmI(string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task Valid_bearer_key_authenticates_as_the_agent_with_its_owner()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var issued = await IssueAsync(database);
        await using var server = await AgentKeyTestServer.StartAsync(database);

        var response = await server.Client.SendAsync(WhoAmI(issued.RawKey));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Agent", (string?)body["kind"]);
        Assert.Equal("ops-bot", (string?)body["name"]);
        Assert.Equal("alice", (string?)body["owner"]);
    }

    [Fact]
    public async Task Key_in_the_X_Api_Key_header_authenticates_too()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var issued = await IssueAsync(database);
        await using var server = await AgentKeyTestServer.StartAsync(database);
        var request = WhoAmI();
        request.Headers.Add("X-Api-Key", issued.RawKey);

        var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Authenticated_agent_carries_its_runbook_scope()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var issued = await IssueAsync(database, "health-check");
        await using var server = await AgentKeyTestServer.StartAsync(database);

        var body = JsonNode.Parse(await (await server.Client.SendAsync(WhoAmI(issued.RawKey))).Content.ReadAsStringAsync())!;

        Assert.False((bool)body["may_scale"]!);
    }

    [Fact]
    public async Task Request_without_a_key_gets_401_problem_saying_the_key_is_missing()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var server = await AgentKeyTestServer.StartAsync(database);

        var problem = await ProblemAsync(await server.Client.SendAsync(WhoAmI()));

        Assert.Equal("missing API key", (string?)problem["title"]);
        Assert.Equal(401, (int?)problem["status"]);
    }

    [Fact]
    public async Task Key_with_a_wrong_secret_gets_401_invalid_and_is_not_echoed()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var issued = await IssueAsync(database);
        await using var server = await AgentKeyTestServer.StartAsync(database);
        var forged = issued.RawKey[..13] + new string('A', 43);

        var response = await server.Client.SendAsync(WhoAmI(forged));

        var problem = await ProblemAsync(response);
        Assert.Equal("invalid API key", (string?)problem["title"]);
        Assert.DoesNotContain(new string('A', 43), problem.ToJsonString() + response.Headers);
    }

    [Fact]
    public async Task Malformed_key_gets_401_invalid_and_is_not_echoed()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var server = await AgentKeyTestServer.StartAsync(database);
        var request = WhoAmI();
        request.Headers.Add("X-Api-Key", "hunter2-is-my-password");

        var response = await server.Client.SendAsync(request);

        var problem = await ProblemAsync(response);
        Assert.Equal("invalid API key", (string?)problem["title"]);
        Assert.DoesNotContain("hunter2", problem.ToJsonString() + response.Headers);
    }

    [Fact]
    public async Task Revoked_key_gets_401_saying_it_was_revoked()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        var issued = await IssueAsync(database);
        await using (var db = database.Open())
            await new EfAgentKeyStore(db).RevokeAsync(issued.Key.Id);
        await using var server = await AgentKeyTestServer.StartAsync(database);

        var problem = await ProblemAsync(await server.Client.SendAsync(WhoAmI(issued.RawKey)));

        Assert.Equal("revoked API key", (string?)problem["title"]);
        Assert.DoesNotContain(issued.RawKey[13..], problem.ToJsonString());
    }

    [Fact]
    public async Task Bearer_token_that_is_not_an_api_key_gets_401_invalid_rather_than_missing()
    {
        await using var database = await TemporaryOrchestratorDatabase.CreateAsync();
        await using var server = await AgentKeyTestServer.StartAsync(database);

        var response = await server.Client.SendAsync(WhoAmI("eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"));

        var problem = await ProblemAsync(response);
        Assert.Equal("invalid API key", (string?)problem["title"]);
        Assert.DoesNotContain("eyJhbGciOiJIUzI1NiJ9", problem.ToJsonString() + response.Headers);
    }
}
