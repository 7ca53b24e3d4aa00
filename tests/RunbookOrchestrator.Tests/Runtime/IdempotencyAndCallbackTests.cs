using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RunbookOrchestrator.Runtime;
using RunbookOrchestrator.Runtime.Callbacks;
using RunbookOrchestrator.Server.Persistence;
using RunbookOrchestrator.Tests.Hosting;

namespace RunbookOrchestrator.Tests.Runtime;

[Collection(EngineCollection.Name)]
public sealed class IdempotencyAndCallbackTests(EngineFixture fixture)
{
    private readonly Faker _faker = new();
    private HttpClient Agent => fixture.Agent;

    [Fact]
    public async Task A_repeated_idempotency_key_with_the_same_inputs_returns_the_same_run_marked_as_replayed()
    {
        var key = _faker.Random.Guid().ToString();
        var inputs = new { name = _faker.Name.FirstName() };
        var before = await fixture.App.CountRunsAsync();

        using var first = await StartWithKeyAsync(key, inputs);
        using var second = await StartWithKeyAsync(key, inputs);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var firstBody = JsonNode.Parse(await first.Content.ReadAsStringAsync())!;
        var secondBody = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal(firstBody.Str("run_id"), secondBody.Str("run_id"));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", string.Join(",", second.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(secondBody["created"]!.GetValue<bool>());
        Assert.Equal(before + 1, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_reused_idempotency_key_with_different_inputs_is_a_422_problem()
    {
        var key = _faker.Random.Guid().ToString();
        using var first = await StartWithKeyAsync(key, new { name = _faker.Name.FirstName() });
        var before = await fixture.App.CountRunsAsync();

        using var reused = await StartWithKeyAsync(key, new { name = _faker.Name.LastName() + "-other" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Equal("application/problem+json", reused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", JsonNode.Parse(await reused.Content.ReadAsStringAsync()).Str("detail"));
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    [Fact]
    public async Task A_finished_run_posts_one_signed_completion_callback_carrying_its_id_and_status()
    {
        var token = _faker.Random.AlphaNumeric(16);
        var secret = fixture.App.Services.GetRequiredService<IOptions<RuntimeOptions>>().Value.CallbackSigningSecret;

        using var start = await Agent.PostAsJsonAsync("/api/runbooks/sequence/runs", new
        {
            inputs = new { name = _faker.Name.FirstName() },
            reason = _faker.Lorem.Sentence(),
            callback_url = $"{fixture.Server.BaseUrl}/callback/{token}",
        });
        var id = JsonNode.Parse(await start.Content.ReadAsStringAsync()).Str("run_id")!;
        await Agent.WaitForEndAsync(id);
        await WaitForCallbackDeliveredAsync(id);

        var callback = Assert.Single(fixture.Server.Received(token));
        Assert.Equal(CallbackSignatureCheck.Valid,
            CallbackSignature.Verify(callback.Header("X-RBO-Signature"), callback.Body, secret, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        var payload = JsonNode.Parse(callback.Body)!;
        Assert.Equal(id, payload.Str("run_id"));
        Assert.Equal("succeeded", payload.Str("status"));
    }

    [Fact]
    public async Task A_callback_answered_401_is_tried_once_and_its_failure_is_recorded_on_the_run()
    {
        var token = _faker.Random.AlphaNumeric(16);
        using var start = await Agent.PostAsJsonAsync("/api/runbooks/sequence/runs", new
        {
            inputs = new { name = _faker.Name.FirstName() },
            reason = _faker.Lorem.Sentence(),
            callback_url = $"{fixture.Server.BaseUrl}/status/401/{token}",
        });
        var id = JsonNode.Parse(await start.Content.ReadAsStringAsync()).Str("run_id")!;
        await Agent.WaitForEndAsync(id);

        var callback = await WaitForCallbackAsync(id, "failed");

        Assert.Single(fixture.Server.Received(token));
        Assert.Equal(1, callback["attempts"]!.GetValue<int>());
        Assert.Equal(401, callback["last_status"]!.GetValue<int>());
        Assert.Contains("final", callback.Str("last_error"));
        Assert.NotNull(callback["failed_at"]);
        Assert.Equal($"{fixture.Server.BaseUrl}/status/401/{token}", callback.Str("target"));
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Set<RunbookOrchestrator.Server.Persistence.Audit.AuditEventEntity>().CountAsync(e => e.Kind == "callback.failed" && e.RunId == id));
    }

    [Fact]
    public async Task A_callback_answered_503_is_tried_four_times_then_recorded_as_failed()
    {
        var token = _faker.Random.AlphaNumeric(16);
        using var start = await Agent.PostAsJsonAsync("/api/runbooks/sequence/runs", new
        {
            inputs = new { name = _faker.Name.FirstName() },
            callback_url = $"{fixture.Server.BaseUrl}/status/503/{token}",
        });
        var id = JsonNode.Parse(await start.Content.ReadAsStringAsync()).Str("run_id")!;
        await Agent.WaitForEndAsync(id);

        var callback = await WaitForCallbackAsync(id, "failed");

        Assert.Equal(4, fixture.Server.Received(token).Count);
        Assert.Equal(4, callback["attempts"]!.GetValue<int>());
        Assert.Equal(503, callback["last_status"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[::ffff:169.254.169.254]/")]
    [InlineData("http://2852039166/")]
    [InlineData("http://0251.0376.0251.0376/")]
    [InlineData("http://10.0.0.7/hook")]
    [InlineData("http://[::1]:9/hook")]
    [InlineData("http://[fd00::1]/hook")]
    [InlineData("http://localhost/hook")]
    public async Task A_callback_url_naming_a_special_address_is_refused_at_trigger_time(string url)
    {
        var before = await fixture.App.CountRunsAsync();

        using var start = await Agent.PostAsJsonAsync("/api/runbooks/sequence/runs", new { inputs = new { name = _faker.Name.FirstName() }, callback_url = url });
        var problem = JsonNode.Parse(await start.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Equal("egress-refused", problem.Str("code"));
        Assert.Equal("/callback_url", problem["errors"]![0]!.Str("path"));
        Assert.Contains("Egress__Allow__0=", problem.Str("detail"));
        Assert.Equal(before, await fixture.App.CountRunsAsync());
    }

    private async Task<JsonNode> WaitForCallbackAsync(string runId, string status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var run = JsonNode.Parse(await Agent.GetStringAsync($"/api/runs/{runId}"))!;
            if (run["callback"] is { } callback && callback.Str("status") == status) return callback;
            await Task.Delay(100);
        }
        throw new TimeoutException($"the callback of run {runId} did not become {status}");
    }

    private async Task<HttpResponseMessage> StartWithKeyAsync(string key, object inputs)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/runbooks/sequence/runs") { Content = JsonContent.Create(new { inputs }) };
        request.Headers.Add("Idempotency-Key", key);
        return await Agent.SendAsync(request);
    }

    private async Task WaitForCallbackDeliveredAsync(string runId)
    {
        var factory = fixture.App.Services.GetRequiredService<IDbContextFactory<OrchestratorDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            await using var db = await factory.CreateDbContextAsync();
            if (await db.Outbox.AnyAsync(m => m.RunId == runId && m.DeliveredAt != null)) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"the callback of run {runId} was not marked delivered");
    }
}
